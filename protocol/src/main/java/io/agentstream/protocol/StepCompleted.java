package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * The step's final output ({@code COMPLETED}, {@code CUT_SHORT} or {@code SKIPPED}); authoritative.
 * {@code toolCalls} are left out of the JSON when the step made none. {@code usage} is every token
 * the step's model calls reported, over all its attempts (a failed attempt was billed too).
 */
@JsonTypeName("step.completed")
public record StepCompleted(
    StepStatus status,
    String text,
    List<Object> items,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ToolCall> toolCalls,
    TokenUsage usage)
    implements EventPayload {

  public StepCompleted {
    text = text == null ? "" : text;
    items = items == null ? List.of() : List.copyOf(items);
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    usage = TokenUsage.orNone(usage);
  }

  /** The output of a step that used no tokens (or from before usage was recorded). */
  public StepCompleted(
      StepStatus status, String text, List<Object> items, List<ToolCall> toolCalls) {
    this(status, text, items, toolCalls, TokenUsage.NONE);
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
