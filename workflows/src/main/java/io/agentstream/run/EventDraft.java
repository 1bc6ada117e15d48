package io.agentstream.run;

import java.util.Map;

/**
 * An event to append to a run's live stream; the channel assigns its sequence and timestamp.
 *
 * @param runId the run (workflow id)
 * @param type one of {@link EventTypes}
 * @param step the step it belongs to, or null for run-level events
 * @param attempt the step attempt that produced it (fencing drops stale attempts), 0 for run-level
 * @param payload type-specific JSON-friendly payload
 */
public record EventDraft(
    String runId, String type, String step, int attempt, Map<String, Object> payload) {

  public EventDraft {
    payload = payload == null ? Map.of() : payload;
  }
}
