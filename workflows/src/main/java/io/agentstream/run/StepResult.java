package io.agentstream.run;

import java.util.List;

/**
 * The generic view of a finished step's output that goes into {@link StepState} and the {@code
 * step.completed} event, whatever typed record the step's activity returned.
 */
public record StepResult(String text, List<?> items, boolean cutShort) {
  public StepResult {
    text = text == null ? "" : text;
    items = items == null ? List.of() : List.copyOf(items);
  }

  public static StepResult empty(boolean cutShort) {
    return new StepResult("", List.of(), cutShort);
  }
}
