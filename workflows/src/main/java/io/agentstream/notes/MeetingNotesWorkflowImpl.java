package io.agentstream.notes;

import io.agentstream.protocol.StepStatus;
import io.agentstream.run.StepOutcome;
import io.agentstream.run.StepPolicy;
import io.agentstream.run.StepState;
import io.agentstream.run.TextResult;
import io.agentstream.run.TrackedAgentWorkflow;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Finds the action items, then drafts the follow-up email from them. The email is the final step:
 * finish-now during the search cuts it short and the email is written from the items found so far.
 */
public class MeetingNotesWorkflowImpl extends TrackedAgentWorkflow implements MeetingNotesWorkflow {

  static final String ACTION_ITEMS = "action-items";
  static final String FOLLOW_UP = "follow-up";

  public MeetingNotesWorkflowImpl(StepPolicy policy) {
    super(
        AGENT,
        List.of(
            StepState.pending(ACTION_ITEMS, "Find the action items"),
            StepState.pending(FOLLOW_UP, "Draft the follow-up email")),
        policy);
  }

  @Override
  public MeetingNotesResult summarize(MeetingNotesRequest request) {
    return run.run(
        () -> {
          String runDate = runDate();
          StepOutcome<ActionItems> found =
              run.step(
                  ACTION_ITEMS,
                  o ->
                      activities(o)
                          .findActionItems(
                              new ActionItemsInput(ACTION_ITEMS, request.notes(), runDate)),
                  ActionItems::toStepResult);
          List<ActionItem> items = found.map(ActionItems::items, List.of());

          StepOutcome<TextResult> email =
              run.finalStep(
                  FOLLOW_UP,
                  o ->
                      activities(o)
                          .draftFollowUp(new FollowUpInput(FOLLOW_UP, request.notes(), items)),
                  TextResult::toStepResult);

          return new MeetingNotesResult(
              items,
              email.map(TextResult::text, ""),
              run.stepsWith(StepStatus.CUT_SHORT),
              run.stepsWith(StepStatus.SKIPPED),
              run.usage(),
              run.stopReason());
        });
  }

  /**
   * The day the run started (UTC): what "by Friday" counts from when the notes name no date. From
   * the workflow's clock, which replays as recorded, never the activity's, so every attempt of the
   * step and every replay sees the same day.
   */
  private static String runDate() {
    return LocalDate.ofInstant(Instant.ofEpochMilli(Workflow.currentTimeMillis()), ZoneOffset.UTC)
        .toString();
  }

  private static MeetingNotesActivities activities(ActivityOptions options) {
    return Workflow.newActivityStub(MeetingNotesActivities.class, options);
  }
}
