package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * The step gave up: no more retries.
 *
 * @param error why, for a person
 * @param usage the tokens its attempts used before it gave up (they were billed)
 */
@JsonTypeName("step.failed")
public record StepFailed(String error, TokenUsage usage) implements EventPayload {

  public StepFailed {
    usage = TokenUsage.orNone(usage);
  }

  public StepFailed(String error) {
    this(error, TokenUsage.NONE);
  }

  @Override
  public <R> R accept(EventVisitor<R> visitor) {
    return visitor.stepFailed(this);
  }
}
