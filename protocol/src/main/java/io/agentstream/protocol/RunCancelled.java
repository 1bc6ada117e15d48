package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** Terminal: the run was cancelled. */
@JsonTypeName("run.cancelled")
public record RunCancelled() implements EventPayload {

  @Override
  public <R> R accept(EventVisitor<R> visitor) {
    return visitor.runCancelled(this);
  }
}
