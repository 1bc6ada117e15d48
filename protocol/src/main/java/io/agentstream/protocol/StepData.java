package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * The step's data item at {@code index} (a place found, a tool result); an existing index is
 * replaced.
 */
@JsonTypeName("step.data")
public record StepData(int index, Object item) implements EventPayload {

  @Override
  public <R> R accept(EventVisitor<R> visitor) {
    return visitor.stepData(this);
  }
}
