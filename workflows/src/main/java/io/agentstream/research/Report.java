package io.agentstream.research;

import io.agentstream.protocol.TokenUsage;
import io.agentstream.run.StepResult;
import java.util.List;

/**
 * Output of the report step.
 *
 * @param text the report, with inline citations {@code [n]}
 * @param sources the numbered sources it may cite (its {@code step.data} items)
 * @param cutShort true when finish-now stopped it early
 */
public record Report(String text, List<CitedSource> sources, boolean cutShort, TokenUsage usage) {
  public Report {
    sources = sources == null ? List.of() : List.copyOf(sources);
    usage = TokenUsage.orNone(usage);
  }

  /** A result that reports no token usage. */
  public Report(String text, List<CitedSource> sources, boolean cutShort) {
    this(text, sources, cutShort, TokenUsage.NONE);
  }

  public StepResult toStepResult() {
    return new StepResult(text, sources, cutShort, List.of(), usage);
  }
}
