package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * {@code text} belongs at character {@code offset} of the step's text: one model token, or several
 * merged when they queued behind a slow channel.
 */
@JsonTypeName("step.token")
public record StepToken(int offset, String text) implements EventPayload {

  @Override
  public <R> R accept(EventVisitor<R> visitor) {
    return visitor.stepToken(this);
  }
}
