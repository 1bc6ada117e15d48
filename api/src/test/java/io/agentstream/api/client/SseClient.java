package io.agentstream.api.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstream.protocol.EventCodec;
import io.agentstream.protocol.RunEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A minimal Server-Sent Events client on the JDK HTTP client, reading the stream line by line as
 * a browser's EventSource would. Each received event is handed to a callback with its arrival time.
 */
public final class SseClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * A received event: SSE id, event name, the data as a plain map (for checks of the raw JSON),
   * the same data read by the protocol's codec, and when it arrived (nanoTime).
   */
  public record Received(String id, String name, Map<String, Object> data, RunEvent event, long arrivedNanos) {}

  /** The outcome of one connection. */
  public record Outcome(int status, boolean endedByServer) {}

  /**
   * Connects and reads events until the server closes the stream or {@code stopAfter} returns true.
   *
   * @param lastEventId sent as Last-Event-ID when not null
   */
  public Outcome read(URI events, String lastEventId, Predicate<Received> stopAfter) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(events).header("Accept", "text/event-stream").GET();
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<java.io.InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      response.body().close();
      return new Outcome(response.statusCode(), true);
    }
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String id = null;
      String name = null;
      StringBuilder data = new StringBuilder();
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isEmpty()) {
          if (data.length() > 0) {
            Map<String, Object> parsed = JSON.readValue(data.toString(), new TypeReference<>() {});
            Received received = new Received(id, name, parsed, EventCodec.json().read(data.toString()), System.nanoTime());
            data.setLength(0);
            if (stopAfter.test(received)) {
              return new Outcome(200, false);
            }
          }
          name = null;
          continue;
        }
        if (line.startsWith(":")) {
          continue;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1).stripLeading();
        switch (field) {
          case "id" -> id = value;
          case "event" -> name = value;
          case "data" -> data.append(data.length() > 0 ? "\n" : "").append(value);
          default -> {}
        }
      }
      return new Outcome(200, true);
    }
  }
}
