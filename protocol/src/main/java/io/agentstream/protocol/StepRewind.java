package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * A new attempt resumed from the last durable checkpoint: the step is now exactly this. {@code
 * toolCalls} are the calls that had completed by then (left out of the JSON when none); the new
 * attempt does not make them again. {@code reasoning} is the model's reasoning the checkpoint held
 * (left out when none).
 */
@JsonTypeName("step.rewind")
public record StepRewind(
    String text,
    List<Object> items,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ToolCall> toolCalls,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String reasoning)
    implements EventPayload {

  public StepRewind {
    text = text == null ? "" : text;
    items = items == null ? List.of() : List.copyOf(items);
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    reasoning = reasoning == null ? "" : reasoning;
  }

  /** A rewind of a step whose checkpoint holds no reasoning. */
  public StepRewind(String text, List<Object> items, List<ToolCall> toolCalls) {
    this(text, items, toolCalls, "");
  }

  /** A rewind of a step without tool calls. */
  public StepRewind(String text, List<Object> items) {
    this(text, items, List.of());
  }

  @Override
  public <R> R accept(EventVisitor<R> visitor) {
    return visitor.stepRewind(this);
  }
}
