package com.example.standup;

import io.agentstream.run.TextResult;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The agent's one step. */
@ActivityInterface
public interface StandupActivities {

  /** One input record per activity, so fields can be added without breaking running workflows. */
  record SummarizeInput(String stepId, String updates) {}

  @ActivityMethod(name = "SummarizeStandup")
  TextResult summarize(SummarizeInput input);
}
