package io.agentstream.notes;

import io.agentstream.run.TextResult;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The meeting-notes agent's steps. Each streams while it runs and checkpoints through heartbeats.
 */
@ActivityInterface
public interface MeetingNotesActivities {

  /** Streams the action items as lines of text and each one, once its line is complete, as data. */
  @ActivityMethod(name = "FindActionItems")
  ActionItems findActionItems(ActionItemsInput input);

  /** Streams a short follow-up email that lists the items with their owners. */
  @ActivityMethod(name = "DraftFollowUp")
  TextResult draftFollowUp(FollowUpInput input);
}
