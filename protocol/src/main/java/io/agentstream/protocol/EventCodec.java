package io.agentstream.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON codec of events, for every path an event takes: SSE, the Redis stream and clients.
 * An event is one flat object, the envelope first, then its payload's fields:
 *
 * <pre>
 * {"runId":"run-…","seq":12,"type":"step.token","step":"plan","attempt":1,"ts":1763934000456,"offset":412,"text":" beach"}
 * </pre>
 *
 * <p>Jackson 2, because Temporal's data converter is Jackson 2 and the workflow's payloads cross it
 * too; one configured mapper, so a payload reads back the same whichever side wrote it. The golden
 * fixtures under {@code protocol/src/test/resources/golden/} pin the bytes.
 */
public final class EventCodec {

  private static final EventCodec INSTANCE = new EventCodec();

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .addModule(new Jdk8Module())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private EventCodec() {}

  /** The shared codec; it is immutable and thread-safe. */
  public static EventCodec json() {
    return INSTANCE;
  }

  /** The configured mapper, for JSON that belongs with events (snapshots, items). */
  public ObjectMapper mapper() {
    return mapper;
  }

  /** The event as it goes on the wire (an SSE {@code data:} line, compact, one line). */
  public String write(RunEvent event) {
    StringBuilder json = new StringBuilder(128);
    json.append("{\"runId\":").append(quote(event.runId())).append(",\"seq\":").append(event.seq());
    appendRest(json, event.type(), event.step(), event.attempt(), event.ts(), event.payload());
    return json.toString();
  }

  /**
   * The event without its sequence, for a store that assigns the sequence itself and writes it
   * first: {@code {"seq":N,} + this without its opening brace} is then exactly {@link #write}'s
   * output but for field order, which readers ignore.
   */
  public String writeWithoutSeq(EventDraft draft, long ts) {
    StringBuilder json = new StringBuilder(128);
    json.append("{\"runId\":").append(quote(draft.runId()));
    appendRest(json, draft.type(), draft.step(), draft.attempt(), ts, draft.payload());
    return json.toString();
  }

  /**
   * Reads an event written by {@link #write} or {@link #writeWithoutSeq} (with {@code seq} put
   * anywhere); fields it does not know are ignored, so newer servers can add some.
   *
   * @throws IllegalArgumentException when it is not an event of a known type
   */
  public RunEvent read(String json) {
    try {
      JsonNode node = mapper.readTree(json);
      if (!(node instanceof ObjectNode fields) || !fields.hasNonNull("type")) {
        throw new IllegalArgumentException("not an event: " + abbreviate(json));
      }
      String runId = fields.path("runId").asText(null);
      long seq = fields.path("seq").asLong();
      String step = fields.hasNonNull("step") ? fields.get("step").asText() : null;
      int attempt = fields.path("attempt").asInt();
      long ts = fields.path("ts").asLong();
      fields.remove(java.util.List.of("runId", "seq", "step", "attempt", "ts"));
      EventPayload payload = mapper.treeToValue(fields, EventPayload.class);
      return new RunEvent(runId, seq, step, attempt, ts, payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("unreadable event: " + e.getOriginalMessage(), e);
    }
  }

  /** Any JSON-friendly value (a snapshot, a result) with this codec's settings. */
  public String writeValue(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON-friendly: " + e.getOriginalMessage(), e);
    }
  }

  /** Reads a value written by {@link #writeValue}. */
  public <T> T readValue(String json, Class<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "unreadable " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }

  /** Converts JSON-friendly data (e.g. a map read from the wire) to a record type. */
  public <T> T convert(Object value, Class<T> type) {
    return mapper.convertValue(value, type);
  }

  private void appendRest(
      StringBuilder json, String type, String step, int attempt, long ts, EventPayload payload) {
    json.append(",\"type\":").append(quote(type));
    if (step != null) {
      json.append(",\"step\":").append(quote(step));
    }
    json.append(",\"attempt\":").append(attempt).append(",\"ts\":").append(ts);
    // Jackson writes the type id first: {"type":"step.token","offset":0,...}. Everything after
    // it is the payload's own fields.
    String fields = writeValue(payload);
    String typeId = "{\"type\":" + quote(type);
    if (!fields.startsWith(typeId)) {
      throw new IllegalStateException(
          "unexpected payload JSON for " + type + ": " + abbreviate(fields));
    }
    json.append(fields, typeId.length(), fields.length());
  }

  private String quote(String s) {
    return writeValue(s);
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 119) + "…";
  }
}
