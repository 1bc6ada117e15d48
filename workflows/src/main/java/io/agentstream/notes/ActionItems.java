package io.agentstream.notes;

import io.agentstream.run.StepResult;
import java.util.List;

/**
 * Output of the action-items step.
 *
 * @param items the items found, in the order the model listed them
 * @param text the list as the model streamed it, one item per line (the step's text)
 * @param cutShort true when finish-now stopped the step before the list was complete
 */
public record ActionItems(List<ActionItem> items, String text, boolean cutShort) {
  public ActionItems {
    items = items == null ? List.of() : List.copyOf(items);
    text = text == null ? "" : text;
  }

  /** The step's generic output: its text and its items, as clients already saw them streamed. */
  public StepResult toStepResult() {
    return new StepResult(text, items, cutShort);
  }
}
