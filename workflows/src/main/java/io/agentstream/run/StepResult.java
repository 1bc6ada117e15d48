package io.agentstream.run;

import io.agentstream.protocol.TokenUsage;
import io.agentstream.protocol.ToolCall;
import java.util.List;

/**
 * The generic view of a finished step's output that goes into {@link StepState} and the {@code
 * step.completed} event, whatever typed record the step's activity returned.
 *
 * @param toolCalls the tool calls the step made, for steps that use tools (see {@code
 *     StepWriter#toolCalls()}); none otherwise
 * @param usage the tokens the step's model calls used, every attempt included (see {@code
 *     StepWriter#usage()}); none for a step that calls no model
 */
public record StepResult(
    String text, List<?> items, boolean cutShort, List<ToolCall> toolCalls, TokenUsage usage) {
  public StepResult {
    text = text == null ? "" : text;
    items = items == null ? List.of() : List.copyOf(items);
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    usage = TokenUsage.orNone(usage);
  }

  /** The output of a step that reports no token usage. */
  public StepResult(String text, List<?> items, boolean cutShort, List<ToolCall> toolCalls) {
    this(text, items, cutShort, toolCalls, TokenUsage.NONE);
  }

  /** The output of a step without tool calls. */
  public StepResult(String text, List<?> items, boolean cutShort) {
    this(text, items, cutShort, List.of());
  }

  public static StepResult empty(boolean cutShort) {
    return new StepResult("", List.of(), cutShort);
  }
}
