package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** Terminal: the run failed. */
@JsonTypeName("run.failed")
public record RunFailed(String error) implements EventPayload {

  @Override
  public <R> R accept(EventVisitor<R> visitor) {
    return visitor.runFailed(this);
  }
}
