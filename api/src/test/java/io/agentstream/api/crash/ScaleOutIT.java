package io.agentstream.api.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.api.client.ApiClient;
import io.agentstream.api.client.StreamedRun;
import io.agentstream.protocol.RunStatus;
import io.agentstream.protocol.StepStatus;
import io.agentstream.stream.SwitchableTcpProxy;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * API and workers in different processes, sharing the Temporal engine and a real Redis (through a
 * relay the test can cut): tokens produced on a worker node reach a client on the API node; a cut
 * in Redis degrades to snapshot polling without losing anything; a frozen worker's step moves to
 * another worker and the frozen one, once thawed, cannot corrupt the stream or the result.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaleOutIT {

  private static final Duration STARTUP = Duration.ofSeconds(150);
  private final List<JavaProcess> processes = new ArrayList<>();
  private final List<String> report = new ArrayList<>();
  private SwitchableTcpProxy redis;
  private int enginePort;
  private int httpPort;
  private ApiClient api;
  private final List<JavaProcess> workers = new ArrayList<>();

  @BeforeAll
  void startProcesses() throws Exception {
    redis = new SwitchableTcpProxy(6379);
    redis.on();
    enginePort = JavaProcess.freePort();
    httpPort = JavaProcess.freePort();
    JavaProcess engine =
        track(JavaProcess.start("engine", Map.of(), "engine", "--port=" + enginePort));
    engine.awaitPort(enginePort, STARTUP);
    JavaProcess apiNode =
        track(JavaProcess.start("api", env(), args("api", "--server.port=" + httpPort)));
    for (int i = 1; i <= 2; i++) {
      // Each worker serves its actuator endpoints on its own management port.
      workers.add(
          track(
              JavaProcess.start(
                  "worker" + i, env(), args("worker", "--management.server.port=0"))));
    }
    apiNode.awaitHealthy(httpPort, STARTUP);
    for (JavaProcess worker : workers) {
      worker.awaitLog("Worker polling", STARTUP);
    }
    api = new ApiClient("http://127.0.0.1:" + httpPort);
  }

  private Map<String, String> env() {
    return Map.of("TEMPORAL_ADDRESS", "127.0.0.1:" + enginePort);
  }

  private String[] args(String role, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--agentstream.role=" + role,
                "--agentstream.stream=redis",
                "--spring.data.redis.url=" + redis.url(),
                "--agentstream.simulator.tokens-per-second=40",
                "--agentstream.steps.heartbeat-timeout=2s",
                "--agentstream.steps.checkpoint-interval=500ms",
                "--agentstream.steps.initial-retry-interval=200ms",
                "--agentstream.trip.places-per-category=3",
                "--agentstream.redis.command-timeout=300ms",
                "--logging.level.root=warn",
                "--logging.level.io.agentstream=info"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private JavaProcess track(JavaProcess p) {
    processes.add(p);
    return p;
  }

  @AfterAll
  void stopProcesses() throws Exception {
    for (JavaProcess p : processes) {
      if (p.isAlive()) {
        p.thaw();
        p.stop();
      }
    }
    redis.close();
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", "scale-out-report.txt"), report);
    report.forEach(line -> System.out.println("[scale-out-report] " + line));
  }

  @Test
  void apiNodeStreamsWorkerTokensAndSurvivesARedisOutageMidStream() throws Exception {
    ReconnectingRunClient client = follow(submit());
    await(
        client,
        v ->
            v.step("research-restaurants") != null
                && v.step("research-restaurants").items().size() >= 1,
        Duration.ofSeconds(120));
    int snapshotsBefore = client.view.snapshots();
    long tokensBefore = tokens(client);
    assertThat(tokensBefore)
        .as("tokens produced on a worker node reached the API node's client")
        .isPositive();

    redis.off();
    Thread.sleep(3_000);
    int snapshotsDuringOutage = client.view.snapshots() - snapshotsBefore;
    redis.on();
    long backAtMillis = System.currentTimeMillis();
    await(client, StreamedRun::isTerminal, Duration.ofSeconds(180));

    assertThat(snapshotsDuringOutage)
        .as("snapshots polled from the durable state while Redis was down")
        .isPositive();
    long liveTokensAfterOutage =
        client.arrivals.stream()
            .map(ReconnectingRunClient.Arrival::event)
            .filter(
                e ->
                    "step.token".equals(e.get("type"))
                        && ((Number) e.get("ts")).longValue() > backAtMillis)
            .count();
    assertThat(liveTokensAfterOutage).as("live tokens once Redis was back").isPositive();
    assertFinalViewExact(client);
    report.add(
        ("redis outage of 3 s mid-research: %d snapshots polled from the durable state during the outage,"
                + " %d live tokens afterwards, %d snapshots in all, run completed with the exact result in the client's view")
            .formatted(snapshotsDuringOutage, liveTokensAfterOutage, client.view.snapshots()));
  }

  @Test
  void frozenWorkerIsFencedAfterItsStepMovesToAnotherWorker() throws Exception {
    String runId = submit();
    ReconnectingRunClient client = follow(runId);
    await(client, v -> writing(v, "plan", 40), Duration.ofSeconds(120));
    JavaProcess frozen = workerRunning(runId, "PlanItinerary");
    frozen.freeze();
    long frozenAt = System.nanoTime();
    try {
      await(
          client,
          v -> v.step("plan") != null && v.step("plan").attempt() >= 2,
          Duration.ofSeconds(60));
      report.add(
          "plan step retried on the other worker %d ms after SIGSTOP (heartbeat timeout 2 s)"
              .formatted((System.nanoTime() - frozenAt) / 1_000_000));
    } finally {
      frozen.thaw();
    }
    await(client, StreamedRun::isTerminal, Duration.ofSeconds(180));

    assertCompleteAndExact(client);
    int rewindAt = -1;
    List<ReconnectingRunClient.Arrival> arrivals = client.arrivals;
    for (int i = 0; i < arrivals.size(); i++) {
      Map<String, Object> e = arrivals.get(i).event();
      if ("step.rewind".equals(e.get("type")) && "plan".equals(e.get("step"))) {
        rewindAt = i;
      }
    }
    assertThat(rewindAt).as("the retry announced a rewind").isNotNegative();
    long staleAfterRewind =
        arrivals.subList(rewindAt, arrivals.size()).stream()
            .map(ReconnectingRunClient.Arrival::event)
            .filter(
                e -> "plan".equals(e.get("step")) && ((Number) e.get("attempt")).intValue() == 1)
            .count();
    assertThat(staleAfterRewind).as("events of the frozen attempt after the rewind").isZero();
    report.add(
        "frozen worker thawed: 0 events of its stale attempt reached the stream after the rewind; result exact");
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
    ReconnectingRunClient client =
        new ReconnectingRunClient(
            "http://127.0.0.1:" + httpPort,
            runId,
            event -> {
              if (StreamedRun.asksQuestions(event)) {
                try {
                  api.post(
                      "/api/runs/" + runId + "/answers",
                      "{\"answers\":{\"travelers\":\"2 adults\"}}");
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }
            });
    return client;
  }

  /**
   * The worker process whose identity ({@code pid@host}) runs the run's pending activity of that
   * type.
   */
  private JavaProcess workerRunning(String runId, String activityType) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + enginePort).build());
    try {
      for (int attempt = 0; attempt < 100; attempt++) {
        Optional<PendingActivityInfo> pending =
            stubs
                .blockingStub()
                .describeWorkflowExecution(
                    DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace("default")
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(runId))
                        .build())
                .getPendingActivitiesList()
                .stream()
                .filter(
                    p ->
                        p.getActivityType().getName().equals(activityType)
                            && !p.getLastWorkerIdentity().isEmpty())
                .findFirst();
        if (pending.isPresent()) {
          long pid = Long.parseLong(pending.get().getLastWorkerIdentity().split("@")[0]);
          return workers.stream()
              .filter(w -> w.pid() == pid)
              .findFirst()
              .orElseThrow(() -> new AssertionError("no worker with pid " + pid));
        }
        Thread.sleep(100);
      }
      throw new AssertionError(activityType + " never pending");
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    } finally {
      stubs.shutdownNow();
    }
  }

  /** The final view is exact, and so is whatever the client reassembled from live deltas. */
  @SuppressWarnings("unchecked")
  private static void assertCompleteAndExact(ReconnectingRunClient client) {
    assertFinalViewExact(client);
    Map<String, Object> result = (Map<String, Object>) client.view.result();
    for (var step : Map.of("plan", "itinerary", "summarize", "summary").entrySet()) {
      String streamed = client.view.step(step.getKey()).streamedText();
      if (streamed != null) {
        assertThat(streamed)
            .as("%s reassembled from deltas", step.getKey())
            .isEqualTo(result.get(step.getValue()));
      }
    }
  }

  /** Nothing lost in the final view: every step's text and places equal the result. */
  @SuppressWarnings("unchecked")
  private static void assertFinalViewExact(ReconnectingRunClient client) {
    assertThat(client.failure()).isNull();
    StreamedRun view = client.view;
    assertThat(view.status()).isEqualTo(RunStatus.COMPLETED);
    Map<String, Object> result = (Map<String, Object>) view.result();
    assertThat(view.step("plan").text()).isEqualTo(result.get("itinerary"));
    assertThat(view.step("summarize").text()).isEqualTo(result.get("summary"));
    assertThat(view.step("research-restaurants").items()).isEqualTo(result.get("restaurants"));
    assertThat(view.step("research-attractions").items()).isEqualTo(result.get("attractions"));
  }

  private static long tokens(ReconnectingRunClient client) {
    return client.arrivals.stream().filter(a -> "step.token".equals(a.event().get("type"))).count();
  }

  private static void await(
      ReconnectingRunClient client, Predicate<StreamedRun> condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.test(client.view)) {
      assertThat(client.failure()).isNull();
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "condition not reached in " + timeout + "; status " + client.view.status());
      }
      Thread.sleep(50);
    }
  }

  private static boolean writing(StreamedRun v, String step, int minChars) {
    StreamedRun.Step s = v.step(step);
    return s != null && s.status() == StepStatus.RUNNING && s.text().length() >= minChars;
  }
}
