package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One event of a run's stream: the envelope, once for every type, and its payload.
 *
 * @param runId the run
 * @param seq per run, strictly increasing; the SSE {@code id:}
 * @param step the step it belongs to, or null for run-level events
 * @param attempt the step attempt that produced it; 0 for events the workflow publishes
 * @param ts epoch milliseconds when the channel accepted it
 * @param payload what it says; its type is the event's type
 */
public record RunEvent(
    String runId, long seq, String step, int attempt, long ts, EventPayload payload) {

  /** The event a channel makes of a draft. */
  public static RunEvent of(EventDraft draft, long seq, long ts) {
    return new RunEvent(draft.runId(), seq, draft.step(), draft.attempt(), ts, draft.payload());
  }

  /** The event type name, e.g. {@code step.token}. */
  @JsonIgnore
  public String type() {
    return payload.type();
  }

  @JsonIgnore
  public boolean isTerminal() {
    return payload.isTerminal();
  }

  /** A {@code snapshot} event as servers send it: its seq is the snapshot's {@code lastEventId}. */
  public static RunEvent snapshot(RunSnapshot snapshot, long ts) {
    return new RunEvent(
        snapshot.runId(), snapshot.lastEventId(), null, 0, ts, new Snapshot(snapshot));
  }
}
