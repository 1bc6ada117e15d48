package io.agentstream.research;

import io.agentstream.run.AgentWorkflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Deep research on a document collection: index, clarify, plan sub-questions, research them in
 * parallel with search and read tools, write a report that cites its sources, summarize.
 */
@WorkflowInterface
public interface DeepResearchWorkflow extends AgentWorkflow {
  String AGENT = "deep-research";
  String TYPE = "DeepResearch";

  @WorkflowMethod(name = TYPE)
  DeepResearchResult research(DeepResearchRequest request);
}
