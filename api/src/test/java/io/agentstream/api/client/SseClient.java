package io.agentstream.api.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstream.client.ServerSentEvent;
import io.agentstream.client.ServerSentEventReader;
import io.agentstream.protocol.EventCodec;
import io.agentstream.protocol.RunEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A minimal Server-Sent Events client on the JDK HTTP client, reading the stream line by line as a
 * browser's EventSource would. Each received event is handed to a callback with its arrival time.
 */
public final class SseClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * A received event: SSE id, event name, the data as a plain map (for checks of the raw JSON), the
   * same data read by the protocol's codec, and when it arrived (nanoTime).
   */
  public record Received(
      String id, String name, Map<String, Object> data, RunEvent event, long arrivedNanos) {}

  /** The outcome of one connection. */
  public record Outcome(int status, boolean endedByServer) {}

  /**
   * Connects and reads events until the server closes the stream or {@code stopAfter} returns true.
   *
   * @param lastEventId sent as Last-Event-ID when not null
   */
  public Outcome read(URI events, String lastEventId, Predicate<Received> stopAfter)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(events).header("Accept", "text/event-stream").GET();
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<java.io.InputStream> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      response.body().close();
      return new Outcome(response.statusCode(), true);
    }
    try (ServerSentEventReader reader = new ServerSentEventReader(response.body())) {
      ServerSentEvent sse;
      while ((sse = reader.next()) != null) {
        Map<String, Object> parsed = JSON.readValue(sse.data(), new TypeReference<>() {});
        Received received =
            new Received(
                sse.id(),
                sse.name(),
                parsed,
                EventCodec.json().read(sse.data()),
                System.nanoTime());
        if (stopAfter.test(received)) {
          return new Outcome(200, false);
        }
      }
      return new Outcome(200, true);
    }
  }
}
