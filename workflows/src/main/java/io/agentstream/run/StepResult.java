package io.agentstream.run;

import io.agentstream.protocol.ToolCall;
import java.util.List;

/**
 * The generic view of a finished step's output that goes into {@link StepState} and the {@code
 * step.completed} event, whatever typed record the step's activity returned.
 *
 * @param toolCalls the tool calls the step made, for steps that use tools (see {@code
 *     StepWriter#toolCalls()}); none otherwise
 */
public record StepResult(String text, List<?> items, boolean cutShort, List<ToolCall> toolCalls) {
  public StepResult {
    text = text == null ? "" : text;
    items = items == null ? List.of() : List.copyOf(items);
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  /** The output of a step without tool calls. */
  public StepResult(String text, List<?> items, boolean cutShort) {
    this(text, items, cutShort, List.of());
  }

  public static StepResult empty(boolean cutShort) {
    return new StepResult("", List.of(), cutShort);
  }
}
