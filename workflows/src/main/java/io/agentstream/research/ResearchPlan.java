package io.agentstream.research;

import io.agentstream.protocol.TokenUsage;
import io.agentstream.run.StepResult;
import java.util.List;

/**
 * Output of the plan step: the sub-questions, each also streamed as a {@code step.data} item and a
 * numbered line of text.
 */
public record ResearchPlan(
    List<String> subQuestions, String text, boolean cutShort, TokenUsage usage) {
  public ResearchPlan {
    subQuestions = subQuestions == null ? List.of() : List.copyOf(subQuestions);
    usage = TokenUsage.orNone(usage);
  }

  /** A result that reports no token usage. */
  public ResearchPlan(List<String> subQuestions, String text, boolean cutShort) {
    this(subQuestions, text, cutShort, TokenUsage.NONE);
  }

  public StepResult toStepResult() {
    return new StepResult(text, subQuestions, cutShort, List.of(), usage);
  }
}
