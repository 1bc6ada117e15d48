package io.agentstream.api.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.api.client.ApiClient;
import io.agentstream.api.client.StreamedRun;
import io.agentstream.protocol.RunStatus;
import io.agentstream.protocol.StepStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A planned restart with real signals: a Temporal engine process and an app process ({@code all})
 * streaming trip plans to SSE clients; the app gets SIGTERM mid-plan (as a rolling deploy does) and
 * is started again. Every interrupted step's retry must resume from a checkpoint equal to
 * everything its clients had seen, so no token is generated twice, and each client's view must
 * equal the final result. Compare CrashSurvivalIT, where SIGKILL loses up to a checkpoint interval
 * of text.
 */
class DrainIT {

  private static final Duration STARTUP = Duration.ofSeconds(120);

  private final List<JavaProcess> processes = new ArrayList<>();
  private final List<String> report = new ArrayList<>();
  private int enginePort;
  private int httpPort;
  private ApiClient api;

  @AfterEach
  void stopAll() throws Exception {
    for (JavaProcess p : processes) {
      if (p.isAlive()) {
        p.stop();
      }
    }
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", "drain-report.txt"), report);
    report.forEach(line -> System.out.println("[drain-report] " + line));
  }

  private JavaProcess startApp() throws Exception {
    JavaProcess p =
        JavaProcess.start(
            "app",
            Map.of("TEMPORAL_ADDRESS", "127.0.0.1:" + enginePort),
            "--agentstream.role=all",
            "--server.port=" + httpPort,
            "--server.shutdown=immediate",
            "--agentstream.simulator.tokens-per-second=40",
            "--agentstream.steps.heartbeat-timeout=5s",
            "--agentstream.steps.checkpoint-interval=1s",
            "--agentstream.steps.initial-retry-interval=200ms",
            "--agentstream.trip.places-per-category=2",
            "--logging.level.root=warn",
            "--logging.level.io.agentstream=info");
    processes.add(p);
    p.awaitHealthy(httpPort, STARTUP);
    return p;
  }

  @Test
  void aSigtermMidPlanEndsTheStepAtWhatClientsSawAndTheRetryRegeneratesNothing() throws Exception {
    enginePort = JavaProcess.freePort();
    httpPort = JavaProcess.freePort();
    JavaProcess engine = JavaProcess.start("engine", Map.of(), "engine", "--port=" + enginePort);
    processes.add(engine);
    engine.awaitPort(enginePort, STARTUP);
    api = new ApiClient("http://127.0.0.1:" + httpPort);
    JavaProcess app = startApp();

    int restarts = 0;
    List<ReconnectingRunClient> clients = new ArrayList<>();
    for (String step : List.of("plan", "summarize")) {
      ReconnectingRunClient client = follow(submit());
      clients.add(client);
      await(client, v -> writing(v, step, 80), Duration.ofSeconds(120));
      long stoppedAt = System.nanoTime();
      app.stop();
      restarts++;
      report.add(
          "SIGTERM %d mid-%s: app exited %d ms after the signal"
              .formatted(restarts, step, (System.nanoTime() - stoppedAt) / 1_000_000));
      app = startApp();
    }
    for (ReconnectingRunClient client : clients) {
      await(client, StreamedRun::isTerminal, Duration.ofSeconds(180));
      assertThat(client.view.status()).isEqualTo(RunStatus.COMPLETED);
      assertExact(client);
      int rewinds = assertNothingRegenerated(client);
      assertThat(rewinds).as("steps the drain interrupted in %s", client.runId).isPositive();
      client.close();
    }
  }

  /**
   * For every step.rewind: its text is everything its attempt streamed (the retry's checkpoint
   * covers all the clients saw), and the next attempt's first token starts right after it.
   *
   * @return the number of rewinds
   */
  @SuppressWarnings("unchecked")
  private int assertNothingRegenerated(ReconnectingRunClient client) {
    Map<String, Integer> streamedEnd = new java.util.HashMap<>();
    int rewinds = 0;
    List<Map<String, Object>> events =
        client.arrivals.stream().map(ReconnectingRunClient.Arrival::event).toList();
    for (int i = 0; i < events.size(); i++) {
      Map<String, Object> e = events.get(i);
      String key = e.get("step") + "#" + e.get("attempt");
      if ("step.token".equals(e.get("type"))) {
        int end = ((Number) e.get("offset")).intValue() + ((String) e.get("text")).length();
        streamedEnd.merge(key, end, Math::max);
      }
      if ("step.rewind".equals(e.get("type"))) {
        rewinds++;
        int attempt = ((Number) e.get("attempt")).intValue();
        String text = (String) e.get("text");
        Integer before = streamedEnd.get(e.get("step") + "#" + (attempt - 1));
        report.add(
            "run %s step %s: attempt %d resumed from %d chars; attempt %d had streamed %s"
                .formatted(
                    client.runId, e.get("step"), attempt, text.length(), attempt - 1, before));
        assertThat(text.length())
            .as("checkpoint of %s = everything streamed before the drain", key)
            .isEqualTo(before == null ? 0 : before);
        for (int j = i + 1; j < events.size(); j++) {
          Map<String, Object> next = events.get(j);
          if (e.get("step").equals(next.get("step"))
              && "step.token".equals(next.get("type"))
              && ((Number) next.get("attempt")).intValue() == attempt) {
            assertThat(next.get("offset")).as("first token after %s", key).isEqualTo(text.length());
            break;
          }
        }
      }
    }
    return rewinds;
  }

  @SuppressWarnings("unchecked")
  private static void assertExact(ReconnectingRunClient client) {
    Map<String, Object> result = (Map<String, Object>) client.view.result();
    assertThat(client.view.step("plan").text()).isEqualTo(result.get("itinerary"));
    assertThat(client.view.step("summarize").text()).isEqualTo(result.get("summary"));
    assertThat(client.view.step("plan").status()).isEqualTo(StepStatus.COMPLETED);
  }

  private String submit() throws Exception {
    ApiClient.Response created =
        api.post(
            "/api/runs",
            "{\"agent\":\"trip-planner\",\"input\":{\"request\":\"Plan a 5-day trip to Hawaii\"}}");
    assertThat(created.status()).isEqualTo(202);
    return (String) created.body().get("runId");
  }

  private ReconnectingRunClient follow(String runId) {
    return new ReconnectingRunClient(
        "http://127.0.0.1:" + httpPort,
        runId,
        event -> {
          if (StreamedRun.asksQuestions(event)) {
            answer(runId);
          }
        });
  }

  private void answer(String runId) {
    for (int attempt = 0; attempt < 50; attempt++) {
      try {
        ApiClient.Response r =
            api.post(
                "/api/runs/" + runId + "/answers", "{\"answers\":{\"travelers\":\"2 adults\"}}");
        if (r.status() == 200 || r.status() == 409) {
          return;
        }
      } catch (IOException e) {
        // the app is restarting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      sleep(500);
    }
  }

  private static boolean writing(StreamedRun v, String step, int minChars) {
    StreamedRun.Step s = v.step(step);
    return s != null && s.status() == StepStatus.RUNNING && s.text().length() >= minChars;
  }

  private static void await(
      ReconnectingRunClient client,
      java.util.function.Predicate<StreamedRun> condition,
      Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.test(client.view)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "condition not reached in " + timeout + "; status " + client.view.status());
      }
      sleep(50);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
