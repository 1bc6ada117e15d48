package io.agentstream.trip;

import io.agentstream.run.TextResult;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The trip planner's steps. Each streams while it runs and checkpoints through heartbeats. */
@ActivityInterface
public interface TripActivities {

  @ActivityMethod(name = "Clarify")
  ClarifyResult clarify(ClarifyInput input);

  @ActivityMethod(name = "Research")
  ResearchResult research(ResearchInput input);

  @ActivityMethod(name = "PlanItinerary")
  TextResult planItinerary(WriteInput input);

  @ActivityMethod(name = "Summarize")
  TextResult summarize(WriteInput input);
}
