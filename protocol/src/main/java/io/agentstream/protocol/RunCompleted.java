package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Terminal: the agent's result, and why the run stopped early when it did ({@code stopReason}, left
 * out of the JSON when nothing stopped it).
 */
@JsonTypeName("run.completed")
public record RunCompleted(
    Object result, @JsonInclude(JsonInclude.Include.NON_NULL) StopReason stopReason)
    implements EventPayload {

  /** A run that did everything it planned. */
  public RunCompleted(Object result) {
    this(result, null);
  }

  @Override
  public <R> R accept(EventVisitor<R> visitor) {
    return visitor.runCompleted(this);
  }
}
