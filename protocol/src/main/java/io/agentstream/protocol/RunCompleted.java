package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** Terminal: the agent's result. */
@JsonTypeName("run.completed")
public record RunCompleted(Object result) implements EventPayload {

  @Override
  public <R> R accept(EventVisitor<R> visitor) {
    return visitor.runCompleted(this);
  }
}
