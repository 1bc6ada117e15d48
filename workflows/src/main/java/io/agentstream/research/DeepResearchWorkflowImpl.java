package io.agentstream.research;

import io.agentstream.protocol.StepStatus;
import io.agentstream.run.StepOutcome;
import io.agentstream.run.StepPolicy;
import io.agentstream.run.StepResult;
import io.agentstream.run.TextResult;
import io.agentstream.run.TrackedAgentWorkflow;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Indexes the collection (a saved index is loaded, not rebuilt), clarifies the question (waiting
 * durably for answers), plans sub-questions, researches them in parallel, writes a report citing
 * the sources found and summarizes it.
 *
 * <p>The research steps are planned up front, one slot per sub-question ({@link
 * DeepResearchSettings#subQuestions()}), so clients see the whole plan from the first event; slots
 * a shorter plan leaves unused are skipped. The report and the summary are final steps: finish-now
 * during research stops the running searches with what they found, and the report is written from
 * exactly those sources.
 */
public class DeepResearchWorkflowImpl extends TrackedAgentWorkflow implements DeepResearchWorkflow {

  private final DeepResearchSettings settings;

  public DeepResearchWorkflowImpl(StepPolicy policy, DeepResearchSettings settings) {
    super(AGENT, DeepResearchSteps.planned(settings.subQuestions()), policy);
    this.settings = settings;
  }

  @Override
  public DeepResearchResult research(DeepResearchRequest request) {
    return run.run(() -> researchQuestion(request.question()));
  }

  private DeepResearchResult researchQuestion(String question) {
    run.step(
        DeepResearchSteps.INDEX,
        o -> activities(o).index(new IndexInput(DeepResearchSteps.INDEX)),
        IndexResult::toStepResult);

    StepOutcome<ResearchQuestions> clarified =
        run.step(
            DeepResearchSteps.CLARIFY,
            o -> activities(o).clarify(new QuestionInput(DeepResearchSteps.CLARIFY, question)),
            r -> new StepResult("", r.questions(), false, List.of(), r.usage()));
    Map<String, String> answers =
        run.ask(clarified.map(ResearchQuestions::questions, List.of()), settings.answerTimeout());

    StepOutcome<ResearchPlan> planned =
        run.step(
            DeepResearchSteps.PLAN,
            o ->
                activities(o)
                    .plan(
                        new PlanInput(
                            DeepResearchSteps.PLAN, question, answers, settings.subQuestions())),
            ResearchPlan::toStepResult);
    List<String> subQuestions = planned.map(ResearchPlan::subQuestions, List.of());

    List<Promise<StepOutcome<Findings>>> research = new ArrayList<>();
    for (int n = 1; n <= settings.subQuestions(); n++) {
      String stepId = DeepResearchSteps.research(n);
      if (n > subQuestions.size()) {
        run.skip(stepId);
        continue;
      }
      String subQuestion = subQuestions.get(n - 1);
      research.add(
          run.stepAsync(
              stepId,
              o ->
                  activities(o)
                      .research(
                          new SubQuestionInput(
                              stepId, question, subQuestion, answers, settings.sourcesPerSearch())),
              Findings::toStepResult));
    }
    List<Findings> findings = new ArrayList<>();
    for (Promise<StepOutcome<Findings>> step : research) {
      step.get().value().ifPresent(findings::add);
    }
    List<CitedSource> sources = CitedSource.numbered(findings);
    List<SubQuestionNotes> notes =
        findings.stream().map(f -> new SubQuestionNotes(f.subQuestion(), f.notes())).toList();

    StepOutcome<Report> report =
        run.finalStep(
            DeepResearchSteps.REPORT,
            o ->
                activities(o)
                    .writeReport(
                        new ReportInput(
                            DeepResearchSteps.REPORT, question, answers, notes, sources)),
            Report::toStepResult);
    String reportText = report.map(Report::text, "");

    StepOutcome<TextResult> summary =
        run.finalStep(
            DeepResearchSteps.SUMMARIZE,
            o ->
                activities(o)
                    .summarize(new SummaryInput(DeepResearchSteps.SUMMARIZE, question, reportText)),
            TextResult::toStepResult);

    return new DeepResearchResult(
        question,
        answers,
        subQuestions,
        sources,
        reportText,
        summary.map(TextResult::text, ""),
        run.stepsWith(StepStatus.CUT_SHORT),
        run.stepsWith(StepStatus.SKIPPED),
        run.usage(),
        run.stopReason());
  }

  private static DeepResearchActivities activities(ActivityOptions options) {
    return Workflow.newActivityStub(DeepResearchActivities.class, options);
  }
}
