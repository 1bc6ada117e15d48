package io.agentstream.notes;

import io.agentstream.protocol.TokenUsage;
import io.agentstream.protocol.ToolCall;
import io.agentstream.run.StepResult;
import java.util.List;

/**
 * Output of the action-items step.
 *
 * @param items the items found, in the order the model listed them, with their due dates resolved
 * @param text the list as the model streamed it, one item per line (the step's text)
 * @param cutShort true when finish-now stopped the step before the list was complete
 * @param toolCalls the {@code resolve_date} calls the step made (every attempt's completed ones),
 *     so the step's final state shows them; none in results from before the step called tools
 * @param usage the tokens the step's model calls used, every attempt included
 */
public record ActionItems(
    List<ActionItem> items,
    String text,
    boolean cutShort,
    List<ToolCall> toolCalls,
    TokenUsage usage) {
  public ActionItems {
    items = items == null ? List.of() : List.copyOf(items);
    text = text == null ? "" : text;
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    usage = TokenUsage.orNone(usage);
  }

  /** A result of a step that called no tools. */
  public ActionItems(List<ActionItem> items, String text, boolean cutShort, TokenUsage usage) {
    this(items, text, cutShort, List.of(), usage);
  }

  /** A result that reports no token usage and no tool calls. */
  public ActionItems(List<ActionItem> items, String text, boolean cutShort) {
    this(items, text, cutShort, List.of(), TokenUsage.NONE);
  }

  /**
   * The step's generic output: its text, its items and its tool calls, as clients already saw them
   * streamed.
   */
  public StepResult toStepResult() {
    return new StepResult(text, items, cutShort, toolCalls, usage);
  }
}
