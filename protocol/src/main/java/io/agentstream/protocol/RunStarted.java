package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A run's first event: its initial state, published by the workflow. Servers send it to clients as
 * a {@code snapshot} with this event's id.
 */
@JsonTypeName("run.started")
public record RunStarted(RunSnapshot snapshot) implements EventPayload {

  @Override
  public <R> R accept(EventVisitor<R> visitor) {
    return visitor.runStarted(this);
  }
}
