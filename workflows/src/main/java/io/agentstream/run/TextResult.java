package io.agentstream.run;

/**
 * Output of a step that writes text.
 *
 * @param text the full text (a prefix of it when cut short)
 * @param cutShort true when finish-now or cancellation stopped the step early
 */
public record TextResult(String text, boolean cutShort) {
  public StepResult toStepResult() {
    return new StepResult(text, java.util.List.of(), cutShort);
  }
}
