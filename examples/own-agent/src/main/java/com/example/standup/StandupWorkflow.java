package com.example.standup;

import io.agentstream.run.AgentWorkflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The stand-up agent: agentstream's shared messages (state, answers, finish-now) plus its run. */
@WorkflowInterface
public interface StandupWorkflow extends AgentWorkflow {

  String AGENT = "standup";
  String TYPE = "Standup";

  @WorkflowMethod(name = TYPE)
  StandupSummary summarize(StandupRequest request);
}
