package io.agentstream.notes;

import io.agentstream.protocol.TokenUsage;
import io.agentstream.run.StepResult;
import java.util.List;

/**
 * Output of the action-items step.
 *
 * @param items the items found, in the order the model listed them
 * @param text the list as the model streamed it, one item per line (the step's text)
 * @param cutShort true when finish-now stopped the step before the list was complete
 * @param usage the tokens the step's model calls used, every attempt included
 */
public record ActionItems(List<ActionItem> items, String text, boolean cutShort, TokenUsage usage) {
  public ActionItems {
    items = items == null ? List.of() : List.copyOf(items);
    text = text == null ? "" : text;
    usage = TokenUsage.orNone(usage);
  }

  /** A result that reports no token usage. */
  public ActionItems(List<ActionItem> items, String text, boolean cutShort) {
    this(items, text, cutShort, TokenUsage.NONE);
  }

  /** The step's generic output: its text and its items, as clients already saw them streamed. */
  public StepResult toStepResult() {
    return new StepResult(text, items, cutShort, List.of(), usage);
  }
}
