package io.agentstream.notes;

/**
 * Input of the meeting-notes agent.
 *
 * @param notes pasted meeting notes or a transcript
 */
public record MeetingNotesRequest(String notes) {}
