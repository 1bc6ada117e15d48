package io.agentstream.trip;

import io.agentstream.run.StepResult;
import java.util.List;

/**
 * Output of a research step.
 *
 * @param places places recommended, with rationale
 * @param text the streamed rationale text
 * @param cutShort true when stopped early by finish-now
 */
public record ResearchResult(List<Place> places, String text, boolean cutShort) {
  public StepResult toStepResult() {
    return new StepResult(text, places, cutShort);
  }
}
