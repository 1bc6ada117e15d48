package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * The model started the step's tool call number {@code index}. {@code arguments} is what the model
 * has produced of them so far (often empty: the rest follows as {@link ToolCallArguments}).
 */
@JsonTypeName("tool.call.started")
public record ToolCallStarted(int index, String callId, String name, String arguments)
    implements EventPayload {

  public ToolCallStarted {
    arguments = arguments == null ? "" : arguments;
  }

  @Override
  public <R> R accept(EventVisitor<R> visitor) {
    return visitor.toolCallStarted(this);
  }
}
