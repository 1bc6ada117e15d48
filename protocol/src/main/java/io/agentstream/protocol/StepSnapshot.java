package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One step in a {@link RunSnapshot}.
 *
 * @param id step id, the {@code step} field of this step's events
 * @param title human readable name
 * @param status current status
 * @param attempt current attempt (0 while pending)
 * @param text text so far; final once the step is finished
 * @param items data items so far (for example places found); final once the step is finished
 * @param error last failure, when retrying or failed
 * @param toolCalls the step's tool calls so far, in the order the model made them; left out of the
 *     JSON when there are none, so steps without tools read as before
 * @param usage tokens the step's model calls reported, every attempt included; known once the step
 *     is finished ({@link TokenUsage#NONE} before)
 * @param reasoning what the model wrote while it thought, for a running step (from its last
 *     checkpoint); left out of the JSON when empty, which it is once the step is finished
 */
public record StepSnapshot(
    String id,
    String title,
    StepStatus status,
    int attempt,
    String text,
    List<Object> items,
    String error,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ToolCall> toolCalls,
    TokenUsage usage,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String reasoning) {

  public StepSnapshot {
    text = text == null ? "" : text;
    items = items == null ? List.of() : List.copyOf(items);
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    usage = TokenUsage.orNone(usage);
    reasoning = reasoning == null ? "" : reasoning;
  }

  /** A step without reasoning: finished, or its model has not reasoned. */
  public StepSnapshot(
      String id,
      String title,
      StepStatus status,
      int attempt,
      String text,
      List<Object> items,
      String error,
      List<ToolCall> toolCalls,
      TokenUsage usage) {
    this(id, title, status, attempt, text, items, error, toolCalls, usage, "");
  }

  /** A step that has used no tokens yet. */
  public StepSnapshot(
      String id,
      String title,
      StepStatus status,
      int attempt,
      String text,
      List<Object> items,
      String error,
      List<ToolCall> toolCalls) {
    this(id, title, status, attempt, text, items, error, toolCalls, TokenUsage.NONE);
  }

  /** A step without tool calls. */
  public StepSnapshot(
      String id,
      String title,
      StepStatus status,
      int attempt,
      String text,
      List<Object> items,
      String error) {
    this(id, title, status, attempt, text, items, error, List.of());
  }
}
