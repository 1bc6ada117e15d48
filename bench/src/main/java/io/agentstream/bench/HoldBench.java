package io.agentstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.llm.simulator.SimulatorSettings;
import io.agentstream.spring.security.ApiKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The hold test of the security work: M callers, each with a waiting trip run (clarifying questions
 * unanswered, so the run is idle for as long as the test lasts), each holding as many event streams
 * on it as its quota allows ({@code max-streams-per-caller}, 50 by default), against one node with
 * the default caps. Streams are opened the way a browser opens them: a stream token, then {@code
 * GET …/events?token=…} on a plain socket that is never read after its head (an idle tab). During
 * the hold it measures {@code /actuator/health} and {@code POST /api/runs} latency from another
 * caller, the JVM's threads and heap, and checks that one stream over a caller's quota is a 429.
 *
 * <p>{@code java -jar bench/target/agentstream-bench.jar --hold [CALLERS] [SECONDS]} writes
 * hold.json next to the other results.
 */
final class HoldBench {

  static final String PROBER = "prober";

  private final int callers;
  private final int holdSeconds;
  private final Consumer<String> log;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  HoldBench(int callers, int holdSeconds, Consumer<String> log) {
    this.callers = callers;
    this.holdSeconds = holdSeconds;
    this.log = log;
  }

  /** What the hold measured. */
  record Result(
      int callers,
      int streamsPerCaller,
      int streamsHeld,
      int overQuotaStatus,
      int healthChecks,
      double healthP50Millis,
      double healthP99Millis,
      double healthMaxMillis,
      int healthNotUp,
      int submissions,
      double submitP50Millis,
      double submitP99Millis,
      int submitNot202,
      int threadsBefore,
      int threadsDuring,
      long heapUsedBeforeMb,
      long heapUsedDuringMb) {

    /** Every stream held, the one over the quota refused, health and submissions unharmed. */
    boolean clean() {
      return streamsHeld == callers * streamsPerCaller
          && overQuotaStatus == 429
          && healthNotUp == 0
          && submitNot202 == 0;
    }

    String table() {
      return String.format(
          "hold: %d callers x %d streams = %d idle streams held for the whole hold;"
              + " stream %d of one caller: %d%n"
              + "  GET /actuator/health: %d checks, p50 %.1f ms, p99 %.1f ms, max %.1f ms, not UP: %d%n"
              + "  POST /api/runs (another caller): %d, p50 %.1f ms, p99 %.1f ms, not 202: %d%n"
              + "  JVM threads %d -> %d, heap used %d MB -> %d MB (after GC)",
          callers,
          streamsPerCaller,
          streamsHeld,
          streamsPerCaller + 1,
          overQuotaStatus,
          healthChecks,
          healthP50Millis,
          healthP99Millis,
          healthMaxMillis,
          healthNotUp,
          submissions,
          submitP50Millis,
          submitP99Millis,
          submitNot202,
          threadsBefore,
          threadsDuring,
          heapUsedBeforeMb,
          heapUsedDuringMb);
    }
  }

  Result run(Path out) throws Exception {
    Map<String, String> keys = new LinkedHashMap<>();
    for (int i = 0; i < callers; i++) {
      keys.put("caller-" + i, ApiKeys.newKey());
    }
    keys.put(PROBER, ApiKeys.newKey());
    List<String> entries = new ArrayList<>();
    keys.forEach((caller, key) -> entries.add(ApiKeys.entryFor(caller, key, false)));
    List<Socket> streams = new ArrayList<>();
    try (OpenAiSimulator model = OpenAiSimulator.start(new SimulatorSettings(0, 200));
        App app =
            App.start(
                "memory",
                model.baseUrl(),
                BenchConfig.DEFAULT_REDIS,
                Map.of(
                    "agentstream.security.api-keys",
                    String.join(",", entries),
                    "server.address",
                    "127.0.0.1"))) {
      int port = app.port();
      int perCaller =
          Integer.parseInt(app.property("agentstream.quotas.max-streams-per-caller", "50"));
      int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
      long heapBefore = heapUsedAfterGcMb();
      int overQuota = 0;
      for (int i = 0; i < callers; i++) {
        String caller = "caller-" + i;
        String runId = startRun(port, keys.get(caller), "trip-planner", tripRequest());
        for (int s = 0; s < perCaller; s++) {
          streams.add(openStream(port, keys.get(caller), runId, 200));
        }
        if (i == 0) {
          overQuota = streamStatus(port, keys.get(caller), runId);
        }
        log.accept(caller + ": run " + runId + ", " + perCaller + " streams open");
      }
      log.accept(streams.size() + " streams held; probing for " + holdSeconds + " s");
      LongSamples health = new LongSamples();
      LongSamples submits = new LongSamples();
      int notUp = 0;
      int not202 = 0;
      long end = System.nanoTime() + Duration.ofSeconds(holdSeconds).toNanos();
      long nextSubmit = System.nanoTime();
      int threadsDuring = 0;
      while (System.nanoTime() < end) {
        long t0 = System.nanoTime();
        HttpResponse<String> h = get(port, "/actuator/health", keys.get(PROBER));
        health.add(System.nanoTime() - t0);
        if (h.statusCode() != 200 || !h.body().contains("\"UP\"")) {
          notUp++;
        }
        if (System.nanoTime() >= nextSubmit) {
          long s0 = System.nanoTime();
          HttpResponse<String> created =
              post(
                  port,
                  "/api/runs",
                  keys.get(PROBER),
                  "{\"agent\":\"question-answer\",\"input\":{\"question\":\"Why is the sea"
                      + " salty?\"}}");
          submits.add(System.nanoTime() - s0);
          if (created.statusCode() != 202) {
            not202++;
          }
          // 30 runs a minute is the default quota: one every 2.5 s stays under it.
          nextSubmit = System.nanoTime() + Duration.ofMillis(2500).toNanos();
        }
        threadsDuring =
            Math.max(threadsDuring, ManagementFactory.getThreadMXBean().getThreadCount());
        Thread.sleep(200);
      }
      long heapDuring = heapUsedAfterGcMb();
      int stillOpen = (int) streams.stream().filter(HoldBench::serverKeepsOpen).count();
      Result result =
          new Result(
              callers,
              perCaller,
              stillOpen,
              overQuota,
              health.size(),
              health.percentile(50) / 1e6,
              health.percentile(99) / 1e6,
              health.percentile(100) / 1e6,
              notUp,
              submits.size(),
              submits.percentile(50) / 1e6,
              submits.percentile(99) / 1e6,
              not202,
              threadsBefore,
              threadsDuring,
              heapBefore,
              heapDuring);
      Files.createDirectories(out);
      Files.writeString(
          out.resolve("hold.json"),
          json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
      return result;
    } finally {
      for (Socket s : streams) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
    }
  }

  private static String tripRequest() {
    return "{\"request\":\"Plan a 3-day trip to Hawaii\"}";
  }

  private String startRun(int port, String key, String agent, String input) throws Exception {
    HttpResponse<String> created =
        post(port, "/api/runs", key, "{\"agent\":\"" + agent + "\",\"input\":" + input + "}");
    if (created.statusCode() != 202) {
      throw new IllegalStateException("submit: " + created.statusCode() + " " + created.body());
    }
    return json.readTree(created.body()).get("runId").asText();
  }

  private String streamToken(int port, String key, String runId) throws Exception {
    HttpResponse<String> token = post(port, "/api/runs/" + runId + "/stream-token", key, "{}");
    JsonNode body = json.readTree(token.body());
    if (token.statusCode() != 200 || body.get("token") == null) {
      throw new IllegalStateException("stream-token: " + token.statusCode() + " " + token.body());
    }
    return body.get("token").asText();
  }

  /** Opens a stream as a browser tab would and leaves it unread once its head has come. */
  private Socket openStream(int port, String key, String runId, int expected) throws Exception {
    Socket socket = requestStream(port, key, runId);
    int status = readStatus(socket.getInputStream());
    if (status != expected) {
      socket.close();
      throw new IllegalStateException("stream " + runId + ": " + status);
    }
    return socket;
  }

  /** The status a stream request gets (the caller's quota may refuse it). */
  private int streamStatus(int port, String key, String runId) throws Exception {
    try (Socket socket = requestStream(port, key, runId)) {
      return readStatus(socket.getInputStream());
    }
  }

  /** {@code GET …/events?token=…} with a fresh stream token, on a socket of its own. */
  private Socket requestStream(int port, String key, String runId) throws Exception {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(10_000);
    String path =
        "/api/runs/"
            + runId
            + "/events?token="
            + URLEncoder.encode(streamToken(port, key, runId), StandardCharsets.UTF_8);
    OutputStream out = socket.getOutputStream();
    out.write(
        ("GET "
                + path
                + " HTTP/1.1\r\nHost: 127.0.0.1:"
                + port
                + "\r\nAccept: text/event-stream\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }

  /** Whether the server still holds the stream: a read finds data or waits, never end of stream. */
  private static boolean serverKeepsOpen(Socket socket) {
    try {
      socket.setSoTimeout(1);
      return socket.getInputStream().read() != -1;
    } catch (SocketTimeoutException waiting) {
      return true;
    } catch (IOException closed) {
      return false;
    }
  }

  private static int readStatus(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      line.append((char) c);
    }
    String[] parts = line.toString().split(" ");
    if (parts.length < 2) {
      throw new IOException("no HTTP status line: " + line);
    }
    return Integer.parseInt(parts[1]);
  }

  private HttpResponse<String> get(int port, String path, String key) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + key)
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(int port, String path, String key, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static long heapUsedAfterGcMb() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
  }
}
