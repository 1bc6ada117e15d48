package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** The step began (attempt 1). */
@JsonTypeName("step.started")
public record StepStarted(String title) implements EventPayload {

  @Override
  public <R> R accept(EventVisitor<R> visitor) {
    return visitor.stepStarted(this);
  }
}
