package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** The attempt failed; Temporal will retry it as {@code nextAttempt}. */
@JsonTypeName("step.retrying")
public record StepRetrying(String error, int nextAttempt) implements EventPayload {

  @Override
  public <R> R accept(EventVisitor<R> visitor) {
    return visitor.stepRetrying(this);
  }
}
