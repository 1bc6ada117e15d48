package io.agentstream.research;

import io.agentstream.run.StepState;
import java.util.ArrayList;
import java.util.List;

/** Step ids of the deep-research agent, also the {@code step} field of its stream events. */
public final class DeepResearchSteps {
  public static final String INDEX = "index";
  public static final String CLARIFY = "clarify";
  public static final String PLAN = "plan";
  public static final String REPORT = "report";
  public static final String SUMMARIZE = "summarize";

  /** The step that researches sub-question {@code n} (1-based): {@code research-1}, ... */
  public static String research(int n) {
    return "research-" + n;
  }

  static List<StepState> planned(int subQuestions) {
    List<StepState> steps = new ArrayList<>();
    steps.add(StepState.pending(INDEX, "Index the documents"));
    steps.add(StepState.pending(CLARIFY, "Clarify the question"));
    steps.add(StepState.pending(PLAN, "Plan the research"));
    for (int n = 1; n <= subQuestions; n++) {
      steps.add(StepState.pending(research(n), "Research sub-question " + n));
    }
    steps.add(StepState.pending(REPORT, "Write the report"));
    steps.add(StepState.pending(SUMMARIZE, "Summarize"));
    return List.copyOf(steps);
  }

  private DeepResearchSteps() {}
}
