package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * The step's final output ({@code COMPLETED}, {@code CUT_SHORT} or {@code SKIPPED}); authoritative.
 * {@code toolCalls} are left out of the JSON when the step made none.
 */
@JsonTypeName("step.completed")
public record StepCompleted(
    StepStatus status,
    String text,
    List<Object> items,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ToolCall> toolCalls)
    implements EventPayload {

  public StepCompleted {
    text = text == null ? "" : text;
    items = items == null ? List.of() : List.copyOf(items);
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  /** The output of a step without tool calls. */
  public StepCompleted(StepStatus status, String text, List<Object> items) {
    this(status, text, items, List.of());
  }

  @Override
  public <R> R accept(EventVisitor<R> visitor) {
    return visitor.stepCompleted(this);
  }
}
