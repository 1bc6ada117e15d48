package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** The step gave up: no more retries. */
@JsonTypeName("step.failed")
public record StepFailed(String error) implements EventPayload {

  @Override
  public <R> R accept(EventVisitor<R> visitor) {
    return visitor.stepFailed(this);
  }
}
