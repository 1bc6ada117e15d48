package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * More of the arguments of tool call {@code index}: {@code text} belongs at character {@code
 * offset} of its arguments, exactly like a {@link StepToken} in the step's text.
 */
@JsonTypeName("tool.call.arguments")
public record ToolCallArguments(int index, int offset, String text) implements EventPayload {

  public ToolCallArguments {
    text = text == null ? "" : text;
  }

  @Override
  public <R> R accept(EventVisitor<R> visitor) {
    return visitor.toolCallArguments(this);
  }
}
