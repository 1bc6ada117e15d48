package io.agentstream.notes;

/**
 * Input of the action-items step.
 *
 * @param stepId the step, for the stream
 * @param notes the meeting notes
 * @param runDate the day the run started, ISO {@code yyyy-MM-dd} in UTC, from the workflow's
 *     deterministic clock: the date relative due dates count from when the notes name no date of
 *     their own. Null in inputs scheduled before the field existed; the step then uses the day
 *     Temporal scheduled it, which is the same on every attempt.
 */
public record ActionItemsInput(String stepId, String notes, String runDate) {

  /** An input without the run's date (the step falls back to the day it was scheduled). */
  public ActionItemsInput(String stepId, String notes) {
    this(stepId, notes, null);
  }
}
