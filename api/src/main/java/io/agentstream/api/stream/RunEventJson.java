package io.agentstream.api.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.agentstream.run.EventDraft;
import io.agentstream.stream.RunEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON of an event in a stream entry: the same flat shape clients get over SSE (envelope fields
 * next to the payload's). The sequence is only known inside the append script, so the event is
 * written without it and the script puts {@code "seq"} in front.
 *
 * <p>Jackson 2 because {@link RunEvent}'s annotations are Jackson 2's and it is on the classpath
 * through the Temporal SDK.
 */
final class RunEventJson {

  private static final TypeReference<LinkedHashMap<String, Object>> FIELDS = new TypeReference<>() {};

  /** Modules found on the classpath (java.time) and ISO dates, as the SSE side writes them. */
  private final ObjectMapper mapper =
      new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  /** The event as a JSON object without {@code seq}; payload fields never shadow envelope fields. */
  String withoutSeq(EventDraft draft, long ts) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("runId", draft.runId());
    fields.put("type", draft.type());
    if (draft.step() != null) {
      fields.put("step", draft.step());
    }
    fields.put("attempt", draft.attempt());
    fields.put("ts", ts);
    draft.payload().forEach(fields::putIfAbsent);
    try {
      return mapper.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("event payload is not JSON-friendly: " + e.getOriginalMessage(), e);
    }
  }

  /** Reads an entry back: envelope fields into the record, everything else into the payload. */
  RunEvent read(long seq, String json) {
    LinkedHashMap<String, Object> fields;
    try {
      fields = mapper.readValue(json, FIELDS);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("unreadable event " + seq + ": " + e.getOriginalMessage(), e);
    }
    String runId = (String) fields.remove("runId");
    fields.remove("seq");
    String type = (String) fields.remove("type");
    String step = (String) fields.remove("step");
    int attempt = number(fields.remove("attempt")).intValue();
    long ts = number(fields.remove("ts")).longValue();
    return new RunEvent(runId, seq, type, step, attempt, ts, fields);
  }

  private static Number number(Object value) {
    return value instanceof Number n ? n : 0;
  }
}
