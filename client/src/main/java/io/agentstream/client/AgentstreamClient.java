package io.agentstream.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentstream.protocol.EventCodec;
import io.agentstream.protocol.RunSnapshot;
import io.agentstream.protocol.RunStatus;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * agentstream's HTTP API for any JVM application, on the JDK's {@link HttpClient}: submit a run,
 * read its snapshot, follow its stream (resuming with {@code Last-Event-ID} after a dropped
 * connection and resyncing from a fresh snapshot when the reducer asks), answer its questions,
 * cancel it or tell it to finish now.
 *
 * <pre>{@code
 * AgentstreamClient client = AgentstreamClient.create(URI.create("http://localhost:8080"));
 * SubmittedRun run = client.submit("question-answer", Map.of("question", "Why is the sea salty?"));
 * RunView done = client.follow(run.runId(), (event, outcome, view) -> {
 *   view.step("answer").ifPresent(step -> System.out.print("\r" + step.text()));
 * }).awaitEnd(Duration.ofMinutes(5));
 * }</pre>
 *
 * <p>Thread-safe; one instance can serve a whole application.
 */
public final class AgentstreamClient {

  private final URI base;
  private final HttpClient http;
  private final Consumer<HttpRequest.Builder> headers;
  private final Duration reconnectDelay;
  private final EventCodec json = EventCodec.json();

  private AgentstreamClient(Builder builder) {
    this.base = builder.base;
    this.http =
        builder.http != null
            ? builder.http
            : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    this.headers = builder.headers;
    this.reconnectDelay = builder.reconnectDelay;
  }

  /**
   * A client with default settings for the agentstream at {@code base} (e.g.
   * http://localhost:8080).
   */
  public static AgentstreamClient create(URI base) {
    return builder(base).build();
  }

  public static Builder builder(URI base) {
    return new Builder(base);
  }

  /** Settings of a client. */
  public static final class Builder {
    private final URI base;
    private HttpClient http;
    private Consumer<HttpRequest.Builder> headers = r -> {};
    private Duration reconnectDelay = Duration.ofMillis(300);

    private Builder(URI base) {
      String s = base.toString();
      this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    /** The HTTP client to use (default: a new one with a 10 s connect timeout). */
    public Builder httpClient(HttpClient http) {
      this.http = http;
      return this;
    }

    /**
     * Adds headers to every request, e.g. {@code r -> r.header("Authorization", "Bearer " + key)}.
     */
    public Builder headers(Consumer<HttpRequest.Builder> headers) {
      this.headers = headers;
      return this;
    }

    /**
     * How long a follower waits before reconnecting after a dropped connection (default 300 ms).
     */
    public Builder reconnectDelay(Duration reconnectDelay) {
      this.reconnectDelay = reconnectDelay;
      return this;
    }

    public AgentstreamClient build() {
      return new AgentstreamClient(this);
    }
  }

  /** Starts a run of {@code agent} with {@code input} (for example {@code {"question": "…"}}). */
  public SubmittedRun submit(String agent, Map<String, ?> input) {
    return submit(agent, input, null);
  }

  /**
   * Starts a run, or returns the existing one when the same {@code idempotencyKey} was used for
   * this agent before (null for none).
   */
  public SubmittedRun submit(String agent, Map<String, ?> input, String idempotencyKey) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("agent", agent);
    body.put("input", input);
    HttpRequest.Builder request = post("/api/runs", json.writeValue(body));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    JsonNode created = readTree(send(request, 202));
    return new SubmittedRun(
        created.path("runId").asText(), RunStatus.valueOf(created.path("status").asText()));
  }

  /** The run's state rebuilt from durable truth ({@code GET /api/runs/{id}}). */
  public RunSnapshot snapshot(String runId) {
    return json.readValue(send(get(runPath(runId)), 200), RunSnapshot.class);
  }

  /**
   * Answers the run's pending questions; questions not answered take their defaults.
   *
   * @return the answers now in effect, by question id
   */
  public Map<String, String> answer(String runId, Map<String, String> answers) {
    JsonNode receipt =
        readTree(
            send(
                post(runPath(runId) + "/answers", json.writeValue(Map.of("answers", answers))),
                200));
    Map<String, String> inEffect = new LinkedHashMap<>();
    receipt
        .path("answers")
        .fields()
        .forEachRemaining(e -> inEffect.put(e.getKey(), e.getValue().asText()));
    return inEffect;
  }

  /** Cancels the run (Temporal workflow cancellation). */
  public void cancel(String runId) {
    send(post(runPath(runId) + "/cancel", "{}"), 202);
  }

  /**
   * The escape hatch: running steps stop with what they have and the run goes to its final step.
   */
  public void finishNow(String runId) {
    send(post(runPath(runId) + "/finish-now", "{}"), 202);
  }

  /**
   * Follows the run's stream on a thread of its own until the run ends or the follower is closed.
   * Every event is applied to the follower's {@link io.agentstream.protocol.RunView} and handed to
   * the listener.
   */
  public RunFollower follow(String runId, RunListener listener) {
    RunFollower follower = new RunFollower(this, runId, listener);
    Thread thread = new Thread(follower, "agentstream-follow-" + runId);
    thread.setDaemon(true);
    thread.start();
    return follower;
  }

  // ---- used by RunFollower -------------------------------------------------------------------

  Duration reconnectDelay() {
    return reconnectDelay;
  }

  EventCodec codec() {
    return json;
  }

  HttpResponse<java.io.InputStream> openEvents(String runId, Long lastEventId)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + runPath(runId) + "/events"))
            .header("Accept", "text/event-stream")
            .GET();
    if (lastEventId != null) {
      request.header("Last-Event-ID", Long.toString(lastEventId));
    }
    headers.accept(request);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  static AgentstreamException problem(int status, String body) {
    String detail = null;
    try {
      JsonNode problem = EventCodec.json().mapper().readTree(body);
      detail = problem.path("detail").asText(problem.path("title").asText(null));
    } catch (IOException | RuntimeException e) {
      // Not a problem document: the status says enough.
    }
    return new AgentstreamException(status, detail, body);
  }

  // ---- plumbing ------------------------------------------------------------------------------

  private static String runPath(String runId) {
    return "/api/runs/" + URLEncoder.encode(runId, StandardCharsets.UTF_8);
  }

  private HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .header("Accept", "application/json")
        .GET();
  }

  private HttpRequest.Builder post(String path, String body) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private String send(HttpRequest.Builder request, int expected) {
    headers.accept(request);
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AgentstreamException("agentstream at " + base + " could not be reached: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgentstreamException("interrupted", e);
    }
    if (response.statusCode() != expected) {
      throw problem(response.statusCode(), response.body());
    }
    return response.body();
  }

  private JsonNode readTree(String body) {
    try {
      return json.mapper().readTree(body);
    } catch (IOException e) {
      throw new AgentstreamException("unreadable response: " + e.getMessage(), e);
    }
  }
}
