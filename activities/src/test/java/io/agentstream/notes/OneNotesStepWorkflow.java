package io.agentstream.notes;

import io.agentstream.run.StepPolicy;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/** Runs exactly one meeting-notes step with production step options, so it can be tested alone. */
@WorkflowInterface
public interface OneNotesStepWorkflow {

  StepPolicy POLICY =
      new StepPolicy(
          Duration.ofMinutes(1),
          Duration.ofSeconds(3),
          Duration.ofMillis(100),
          Duration.ofMillis(500),
          4);

  @WorkflowMethod
  Object run(ActionItemsInput actionItems, FollowUpInput followUp);

  class Impl implements OneNotesStepWorkflow {
    @Override
    public Object run(ActionItemsInput actionItems, FollowUpInput followUp) {
      MeetingNotesActivities activities =
          Workflow.newActivityStub(
              MeetingNotesActivities.class, POLICY.activityOptions("one step"));
      return actionItems != null
          ? activities.findActionItems(actionItems)
          : activities.draftFollowUp(followUp);
    }
  }
}
