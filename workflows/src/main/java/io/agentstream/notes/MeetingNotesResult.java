package io.agentstream.notes;

import io.agentstream.protocol.StopReason;
import io.agentstream.protocol.TokenUsage;
import java.util.List;

/**
 * The meeting-notes agent's result.
 *
 * @param actionItems the action items found (those found before finish-now, when it came)
 * @param email the follow-up email
 * @param cutShortSteps steps finish-now stopped early
 * @param skippedSteps steps finish-now (or the token budget) skipped
 * @param usage the tokens the run used, every step and attempt included
 * @param stopReason why the run stopped early, or null
 */
public record MeetingNotesResult(
    List<ActionItem> actionItems,
    String email,
    List<String> cutShortSteps,
    List<String> skippedSteps,
    TokenUsage usage,
    StopReason stopReason) {}
