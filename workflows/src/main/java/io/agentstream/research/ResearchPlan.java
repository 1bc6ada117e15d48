package io.agentstream.research;

import io.agentstream.run.StepResult;
import java.util.List;

/**
 * Output of the plan step: the sub-questions, each also streamed as a {@code step.data} item and a
 * numbered line of text.
 */
public record ResearchPlan(List<String> subQuestions, String text, boolean cutShort) {
  public ResearchPlan {
    subQuestions = subQuestions == null ? List.of() : List.copyOf(subQuestions);
  }

  public StepResult toStepResult() {
    return new StepResult(text, subQuestions, cutShort);
  }
}
