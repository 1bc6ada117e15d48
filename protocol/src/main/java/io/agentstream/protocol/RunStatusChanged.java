package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** The run's status changed ({@code RUNNING} or {@code WAITING_FOR_INPUT}). */
@JsonTypeName("run.status")
public record RunStatusChanged(RunStatus status) implements EventPayload {

  @Override
  public <R> R accept(EventVisitor<R> visitor) {
    return visitor.runStatus(this);
  }
}
