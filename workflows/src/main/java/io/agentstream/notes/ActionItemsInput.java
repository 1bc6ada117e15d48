package io.agentstream.notes;

/**
 * Input of the action-items step.
 *
 * @param stepId the step, for the stream
 * @param notes the meeting notes
 */
public record ActionItemsInput(String stepId, String notes) {}
