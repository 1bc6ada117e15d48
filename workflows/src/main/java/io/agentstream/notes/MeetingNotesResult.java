package io.agentstream.notes;

import java.util.List;

/**
 * The meeting-notes agent's result.
 *
 * @param actionItems the action items found (those found before finish-now, when it came)
 * @param email the follow-up email
 * @param cutShortSteps steps finish-now stopped early
 * @param skippedSteps steps finish-now skipped
 */
public record MeetingNotesResult(
    List<ActionItem> actionItems,
    String email,
    List<String> cutShortSteps,
    List<String> skippedSteps) {}
