package io.agentstream.stream;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.agentstream.run.EventDraft;
import io.agentstream.run.EventTypes;
import java.util.Map;

/**
 * One event on a run's live stream, as stored by a {@link StreamChannel} and sent over SSE. The
 * payload's fields are flattened into the JSON object next to the envelope fields.
 *
 * @param runId the run
 * @param seq per-run, strictly increasing; the SSE {@code id:}
 * @param type one of {@link EventTypes}
 * @param step the step it belongs to, or null
 * @param attempt the step attempt that produced it; 0 for workflow-level events
 * @param ts epoch milliseconds when the channel accepted it
 * @param payload type-specific fields
 */
@JsonPropertyOrder({"runId", "seq", "type", "step", "attempt", "ts"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunEvent(
    String runId, long seq, String type, String step, int attempt, long ts, @JsonIgnore Map<String, Object> payload) {

  public static RunEvent of(EventDraft draft, long seq, long ts) {
    return new RunEvent(draft.runId(), seq, draft.type(), draft.step(), draft.attempt(), ts, draft.payload());
  }

  @JsonAnyGetter
  public Map<String, Object> fields() {
    return payload;
  }

  @JsonIgnore
  public boolean isTerminal() {
    return EventTypes.isTerminal(type);
  }
}
