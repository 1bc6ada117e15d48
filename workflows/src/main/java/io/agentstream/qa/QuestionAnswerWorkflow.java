package io.agentstream.qa;

import io.agentstream.run.AgentWorkflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A one-step agent that answers a question, streaming. It exists to show that an agent is one
 * workflow plus its activities, with no change to the API or the stream code.
 */
@WorkflowInterface
public interface QuestionAnswerWorkflow extends AgentWorkflow {
  String AGENT = "question-answer";
  String TYPE = "QuestionAnswer";

  @WorkflowMethod(name = TYPE)
  QuestionAnswer respond(QuestionRequest request);
}
