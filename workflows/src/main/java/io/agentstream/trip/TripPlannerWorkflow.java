package io.agentstream.trip;

import io.agentstream.run.AgentWorkflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** A Deep Research style trip planner: clarify, research in parallel, plan, summarize. */
@WorkflowInterface
public interface TripPlannerWorkflow extends AgentWorkflow {
  String AGENT = "trip-planner";
  String TYPE = "TripPlanner";

  @WorkflowMethod(name = TYPE)
  TripPlan plan(TripRequest request);
}
