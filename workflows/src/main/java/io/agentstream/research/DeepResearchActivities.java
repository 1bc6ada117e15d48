package io.agentstream.research;

import io.agentstream.run.TextResult;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The deep-research agent's steps. Each streams while it runs and checkpoints through heartbeats.
 */
@ActivityInterface
public interface DeepResearchActivities {

  /** Makes sure the collection is embedded, streaming each document as it is done. */
  @ActivityMethod(name = "IndexCorpus")
  IndexResult index(IndexInput input);

  @ActivityMethod(name = "ClarifyResearch")
  ResearchQuestions clarify(QuestionInput input);

  @ActivityMethod(name = "PlanResearch")
  ResearchPlan plan(PlanInput input);

  /** Researches one sub-question with the {@code search} and {@code read} tools. */
  @ActivityMethod(name = "ResearchSubQuestion")
  Findings research(SubQuestionInput input);

  @ActivityMethod(name = "WriteReport")
  Report writeReport(ReportInput input);

  @ActivityMethod(name = "SummarizeReport")
  TextResult summarize(SummaryInput input);
}
