package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An event on its way to a run's live channel, which assigns its sequence and timestamp.
 *
 * @param runId the run (workflow id)
 * @param step the step it belongs to, or null for run-level events
 * @param attempt the step attempt that produced it (the channel fences stale attempts), 0 for
 *     events the workflow publishes
 * @param payload what it says
 */
public record EventDraft(String runId, String step, int attempt, EventPayload payload) {

  /** A run-level event the workflow publishes. */
  public static EventDraft ofRun(String runId, EventPayload payload) {
    return new EventDraft(runId, null, 0, payload);
  }

  /** A step event the workflow publishes (attempt 0: never fenced). */
  public static EventDraft ofWorkflowStep(String runId, String step, EventPayload payload) {
    return new EventDraft(runId, step, 0, payload);
  }

  @JsonIgnore
  public String type() {
    return payload.type();
  }

  @JsonIgnore
  public boolean isTerminal() {
    return payload.isTerminal();
  }
}
