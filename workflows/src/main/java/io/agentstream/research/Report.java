package io.agentstream.research;

import io.agentstream.run.StepResult;
import java.util.List;

/**
 * Output of the report step.
 *
 * @param text the report, with inline citations {@code [n]}
 * @param sources the numbered sources it may cite (its {@code step.data} items)
 * @param cutShort true when finish-now stopped it early
 */
public record Report(String text, List<CitedSource> sources, boolean cutShort) {
  public Report {
    sources = sources == null ? List.of() : List.copyOf(sources);
  }

  public StepResult toStepResult() {
    return new StepResult(text, sources, cutShort);
  }
}
