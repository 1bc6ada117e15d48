package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Tool call {@code index} ended: a short {@code summary} and its result {@code data}, or an {@code
 * error} when the tool failed (the model sees the error and may try again).
 */
@JsonTypeName("tool.call.completed")
public record ToolCallCompleted(int index, String summary, Object data, String error)
    implements EventPayload {

  @Override
  public <R> R accept(EventVisitor<R> visitor) {
    return visitor.toolCallCompleted(this);
  }
}
