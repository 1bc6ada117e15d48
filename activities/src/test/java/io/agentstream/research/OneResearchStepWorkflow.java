package io.agentstream.research;

import io.agentstream.run.StepPolicy;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/** Runs exactly one deep-research step with production step options, so it can be tested alone. */
@WorkflowInterface
public interface OneResearchStepWorkflow {

  StepPolicy POLICY =
      new StepPolicy(
          Duration.ofMinutes(2),
          Duration.ofSeconds(5),
          Duration.ofMillis(100),
          Duration.ofMillis(500),
          4);

  /** Exactly one of the inputs is set: the step to run. */
  @WorkflowMethod
  Object run(IndexInput index, SubQuestionInput research, ReportInput report);

  class Impl implements OneResearchStepWorkflow {
    @Override
    public Object run(IndexInput index, SubQuestionInput research, ReportInput report) {
      DeepResearchActivities activities =
          Workflow.newActivityStub(
              DeepResearchActivities.class, POLICY.activityOptions("one step"));
      if (index != null) {
        return activities.index(index);
      }
      return research != null ? activities.research(research) : activities.writeReport(report);
    }
  }
}
