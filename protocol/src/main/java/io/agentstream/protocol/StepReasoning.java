package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * {@code text} belongs at character {@code offset} of the step's reasoning: what a reasoning model
 * writes while it thinks, before its answer or its tool calls, streamed as it arrives so that a
 * client shows the model at work instead of a silent step. The reasoning of a step's model calls
 * follows one another, a blank line apart. It is a running step's work, not its output: the step's
 * {@code step.completed} or {@code step.failed} replaces it.
 */
@JsonTypeName("step.reasoning")
public record StepReasoning(int offset, String text) implements EventPayload {

  @Override
  public <R> R accept(EventVisitor<R> visitor) {
    return visitor.stepReasoning(this);
  }
}
