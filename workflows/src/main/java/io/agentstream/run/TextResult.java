package io.agentstream.run;

import io.agentstream.protocol.TokenUsage;
import java.util.List;

/**
 * Output of a step that writes text.
 *
 * @param text the full text (a prefix of it when cut short)
 * @param cutShort true when finish-now, the token budget or cancellation stopped the step early
 * @param usage the tokens the step's model calls used, every attempt included (none in results from
 *     before usage was recorded)
 */
public record TextResult(String text, boolean cutShort, TokenUsage usage) {
  public TextResult {
    usage = TokenUsage.orNone(usage);
  }

  /** A result that reports no token usage. */
  public TextResult(String text, boolean cutShort) {
    this(text, cutShort, TokenUsage.NONE);
  }

  public StepResult toStepResult() {
    return new StepResult(text, List.of(), cutShort, List.of(), usage);
  }
}
