package io.agentstream.notes;

import java.util.List;

/**
 * Input of the follow-up step.
 *
 * @param stepId the step, for the stream
 * @param notes the meeting notes
 * @param items the action items to list in the email (those found so far after finish-now)
 */
public record FollowUpInput(String stepId, String notes, List<ActionItem> items) {}
