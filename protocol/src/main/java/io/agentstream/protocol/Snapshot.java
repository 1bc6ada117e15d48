package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** Replace the whole view with this snapshot; its event id is the {@code lastEventId} it covers. */
@JsonTypeName("snapshot")
public record Snapshot(RunSnapshot snapshot) implements EventPayload {

  @Override
  public <R> R accept(EventVisitor<R> visitor) {
    return visitor.snapshot(this);
  }
}
