package io.agentstream.research;

import io.agentstream.protocol.Question;
import io.agentstream.run.TextResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Deterministic deep-research steps for workflow tests, where the workflow's logic is the subject.
 * Each research step finds one source of its own and one shared by all steps (so numbering must
 * deduplicate); it can be made to run until cancelled, to exercise finish-now: it then hands back
 * what it found, as the real step does.
 */
class FakeDeepResearchActivities implements DeepResearchActivities {

  static final List<Question> QUESTIONS =
      List.of(new Question("audience", "Who is the report for?", "Engineers"));

  private final int planned;
  private final boolean researchUntilCancelled;
  private final List<SubQuestionInput> researched = new CopyOnWriteArrayList<>();
  private final List<ReportInput> reports = new CopyOnWriteArrayList<>();

  FakeDeepResearchActivities(int planned, boolean researchUntilCancelled) {
    this.planned = planned;
    this.researchUntilCancelled = researchUntilCancelled;
  }

  @Override
  public IndexResult index(IndexInput input) {
    return new IndexResult(
        List.of(new IndexedDocument("glossary", "Glossary", 3, 1, 1, true)), "1 document", false);
  }

  @Override
  public ResearchQuestions clarify(QuestionInput input) {
    return new ResearchQuestions(QUESTIONS);
  }

  @Override
  public ResearchPlan plan(PlanInput input) {
    List<String> subQuestions = new ArrayList<>();
    for (int i = 1; i <= Math.min(planned, input.subQuestions()); i++) {
      subQuestions.add("Part " + i + " of " + input.question());
    }
    return new ResearchPlan(subQuestions, String.join("\n", subQuestions), false);
  }

  @Override
  public Findings research(SubQuestionInput input) {
    researched.add(input);
    List<Source> sources = new ArrayList<>();
    sources.add(new Source("glossary", "Glossary", "Checkpoint", 0.9, "shared"));
    sources.add(new Source("doc-" + input.stepId(), "Doc", "Section", 0.8, "own"));
    if (researchUntilCancelled) {
      ActivityExecutionContext context = Activity.getExecutionContext();
      while (true) {
        try {
          context.heartbeat(sources.size());
          Thread.sleep(50);
        } catch (ActivityCanceledException e) {
          return new Findings(input.subQuestion(), sources, "cut", true, List.of());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    return new Findings(
        input.subQuestion(), sources, "notes on " + input.stepId(), false, List.of());
  }

  @Override
  public Report writeReport(ReportInput input) {
    reports.add(input);
    String text =
        input.sources().stream().map(s -> "Fact [" + s.n() + "].").collect(Collectors.joining(" "));
    return new Report(text, input.sources(), false);
  }

  @Override
  public TextResult summarize(SummaryInput input) {
    return new TextResult("Summary: " + input.report(), false);
  }

  List<SubQuestionInput> researched() {
    return List.copyOf(researched);
  }

  List<ReportInput> reports() {
    return List.copyOf(reports);
  }
}
