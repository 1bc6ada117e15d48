package io.agentstream.api.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstream.api.client.ApiClient;
import io.agentstream.api.client.Citations;
import io.agentstream.api.client.StreamedRun;
import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.llm.simulator.SimulatorSettings;
import io.agentstream.llm.simulator.SimulatorStatsSnapshot;
import io.agentstream.protocol.QuestionsAsked;
import io.agentstream.protocol.RunEvent;
import io.agentstream.protocol.RunStatus;
import io.agentstream.protocol.Snapshot;
import io.agentstream.protocol.StepStatus;
import io.agentstream.protocol.TokenUsage;
import io.agentstream.run.StepCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deep-research agent survives SIGKILL of its app, with separate processes: a Temporal engine
 * process and an app process ({@code all}) researching a corpus folder of copies of the bundled
 * collection (20 documents, so that embedding them takes seconds) while a reconnecting SSE client
 * follows the run. The simulated model runs in the test's JVM, as a hosted model outlives the app:
 * it serves every attempt, and its counters are the bill the run's usage must match. The app is
 * killed three times, each time at a point where the engine holds a checkpoint worth resuming (read
 * from the pending activity's heartbeat details), and restarted:
 *
 * <ol>
 *   <li>mid-indexing: the retry goes on with the next document, and no document is embedded twice
 *       (the restarted app loads every document streamed before the kill from the saved index);
 *   <li>mid-research, once every running research step's completed tool calls are in its
 *       checkpoint: no tool call that completed before the kill is run again;
 *   <li>mid-report: the report resumes from its checkpointed text, and the final report is exactly
 *       what the client reassembled.
 * </ol>
 *
 * The run completes, its usage is exactly what the model billed (no model call that completed is
 * lost or counted twice), and every citation of the report refers to a source a research step of
 * this run streamed.
 */
class DeepResearchCrashIT {

  private static final Duration STARTUP = Duration.ofSeconds(120);
  private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration KILL_POINT_TIMEOUT = Duration.ofSeconds(120);
  private static final int CORPUS_COPIES = 2;

  /**
   * Slow enough that a research step's notes (a few dozen tokens, written after its tool calls)
   * outlast the SDK's heartbeat throttle (0.8 of the heartbeat timeout), so its tool calls reach
   * the engine's checkpoint while it still runs.
   */
  private static final int TOKENS_PER_SECOND = 10;

  private static final String QUESTION = "How does agentstream resume a step after a worker crash?";
  private static final Pattern INDEX_LOADED =
      Pattern.compile("Research index: loaded (\\d+) of (\\d+) documents");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  private final List<JavaProcess> processes = new ArrayList<>();
  private final List<String> report = new ArrayList<>();
  private int enginePort;
  private int httpPort;
  private ApiClient api;
  private List<String> documents;
  private HeartbeatedCheckpoints checkpoints;
  private OpenAiSimulator model;
  private ReconnectingRunClient client;

  /**
   * What the test knew at a kill.
   *
   * @param checkpoints the checkpoints the engine held for the running steps, by step
   * @param steps the client's view of every step just before the kill
   * @param restarted the app started after the kill
   */
  private record Kill(
      String label,
      Map<String, StepCheckpoint> checkpoints,
      Map<String, StreamedRun.Step> steps,
      JavaProcess restarted) {

    /** The attempt the kill interrupted. */
    int attempt(String step) {
      StreamedRun.Step seen = steps.get(step);
      return Math.max(checkpoints.get(step).attempt(), seen == null ? 0 : seen.attempt());
    }
  }

  @BeforeEach
  void startEngine() throws Exception {
    documents = CorpusCopies.write(temp.resolve("corpus"), CORPUS_COPIES);
    model = OpenAiSimulator.start(new SimulatorSettings(0, TOKENS_PER_SECOND));
    enginePort = JavaProcess.freePort();
    httpPort = JavaProcess.freePort();
    JavaProcess engine =
        track(JavaProcess.start("engine", Map.of(), "engine", "--port=" + enginePort));
    engine.awaitPort(enginePort, STARTUP);
    api = new ApiClient("http://127.0.0.1:" + httpPort);
    checkpoints = new HeartbeatedCheckpoints(enginePort);
  }

  @AfterEach
  void stopAll() throws Exception {
    if (client != null) {
      client.close();
    }
    if (checkpoints != null) {
      checkpoints.close();
    }
    // The app first, so that it does not log the engine going away.
    for (int i = processes.size() - 1; i >= 0; i--) {
      JavaProcess p = processes.get(i);
      if (p.isAlive()) {
        p.stop();
      }
    }
    if (model != null) {
      model.close();
    }
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", "deep-research-crash-report.txt"), report);
    report.forEach(line -> System.out.println("[deep-research-crash] " + line));
  }

  private JavaProcess track(JavaProcess p) {
    processes.add(p);
    return p;
  }

  private JavaProcess startApp() throws Exception {
    JavaProcess p =
        track(
            JavaProcess.start(
                "app",
                Map.of("TEMPORAL_ADDRESS", "127.0.0.1:" + enginePort),
                "--agentstream.role=all",
                "--server.port=" + httpPort,
                "--agentstream.model.api-key=simulator",
                "--agentstream.model.base-url=" + model.baseUrl(),
                "--agentstream.model.name=agentstream-simulator",
                "--agentstream.steps.heartbeat-timeout=" + HEARTBEAT_TIMEOUT.toSeconds() + "s",
                "--agentstream.steps.checkpoint-interval=500ms",
                "--agentstream.steps.initial-retry-interval=200ms",
                "--agentstream.research.corpus=" + temp.resolve("corpus"),
                "--agentstream.research.index-dir=" + temp.resolve("index"),
                "--logging.level.root=warn",
                "--logging.level.io.agentstream=info"));
    p.awaitHealthy(httpPort, STARTUP);
    return p;
  }

  @Test
  void killsMidIndexingMidResearchAndMidReportResumeFromCheckpointsWithoutRedoingWork()
      throws Exception {
    long started = System.nanoTime();
    JavaProcess app = startApp();
    String runId = submit();
    client =
        new ReconnectingRunClient(
            "http://127.0.0.1:" + httpPort, runId, event -> answerIfAsked(runId, event));

    Kill indexing = killWhen(runId, app, "mid-indexing", ResearchKillPoints::midIndexing);
    Kill research =
        killWhen(runId, indexing.restarted(), "mid-research", ResearchKillPoints::midResearch);
    Kill writing =
        killWhen(runId, research.restarted(), "mid-report", ResearchKillPoints::midReport);

    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (!client.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(client.failure()).as("following the run").isNull();
    assertThat(client.isDone()).as("run %s finished", runId).isTrue();
    StreamedRun view = client.view;
    assertThat(view.status()).isEqualTo(RunStatus.COMPLETED);
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) view.result();
    assertThat((List<String>) result.get("cutShortSteps")).isEmpty();

    assertIndexingResumedWithoutEmbeddingTwice(indexing);
    assertNoCompletedToolCallRanAgain(research);
    assertReportResumedFromItsCheckpoint(writing, result);
    assertUsageIsWhatTheModelBilled(view, result);
    assertEveryCitationIsAStreamedSource(result);
    report.add(
        "run %s: %d connection attempts, %d resyncs, %d rewinds, %d events, %d s in all"
            .formatted(
                runId,
                client.connections(),
                client.gaps(),
                view.rewinds(),
                client.arrivals.size(),
                (System.nanoTime() - started) / 1_000_000_000));
  }

  /** Waits for the kill point, SIGKILLs the app at once and starts it again. */
  private Kill killWhen(
      String runId,
      JavaProcess app,
      String label,
      BiPredicate<Map<String, StreamedRun.Step>, Map<String, StepCheckpoint>> when)
      throws Exception {
    long deadline = System.nanoTime() + KILL_POINT_TIMEOUT.toNanos();
    while (true) {
      // What the client saw first: all of it had reached the live channel before the engine is
      // asked for the checkpoints.
      Map<String, StreamedRun.Step> steps = client.view.steps();
      Map<String, StepCheckpoint> durable = checkpoints.of(runId);
      if (when.test(steps, durable)) {
        app.kill();
        long killed = System.nanoTime();
        report.add(
            "%s: SIGKILL with checkpoints %s; client saw %s"
                .formatted(label, describe(durable), describeSteps(steps, durable.keySet())));
        JavaProcess restarted = startApp();
        report.add(
            "%s: app healthy again %d ms after SIGKILL"
                .formatted(label, (System.nanoTime() - killed) / 1_000_000));
        return new Kill(label, durable, steps, restarted);
      }
      assertThat(client.isDone()).as("run ended before the kill point %s", label).isFalse();
      assertThat(System.nanoTime())
          .as("kill point %s reached within %s; steps %s", label, KILL_POINT_TIMEOUT, steps)
          .isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  // ---- what each kill must not have cost -----------------------------------------------------

  /**
   * The retry of the index step went on after the checkpoint: the restarted app loaded every
   * document streamed before the kill from the saved index, the retry embedded exactly the others,
   * and no document was ever reported embedded twice.
   */
  @SuppressWarnings("unchecked")
  private void assertIndexingResumedWithoutEmbeddingTwice(Kill kill) throws IOException {
    int attempt = kill.attempt("index");
    StepEvents index = StepEvents.of(client, "index");
    Set<String> streamedBefore = new HashSet<>();
    index.upTo(attempt, "step.data").forEach(e -> streamedBefore.add(documentId(e.get("item"))));
    int checkpointed = kill.checkpoints().get("index").items().size();

    Matcher loaded = INDEX_LOADED.matcher(kill.restarted().logText());
    assertThat(loaded.find()).as("the restarted app loaded the saved index").isTrue();
    int loadedDocuments = Integer.parseInt(loaded.group(1));
    assertThat(Integer.parseInt(loaded.group(2))).isEqualTo(documents.size());
    assertThat(loadedDocuments)
        .as("documents in the saved index at restart, against those streamed before the kill")
        .isGreaterThanOrEqualTo(streamedBefore.size())
        .isGreaterThanOrEqualTo(checkpointed);

    Map<String, Object> rewind =
        index
            .firstRewindAfter(attempt)
            .orElseThrow(() -> new AssertionError("no step.rewind of index after the kill"));
    List<Object> resumedItems = (List<Object>) rewind.get("items");
    assertThat(resumedItems.size())
        .as("documents resumed from")
        .isGreaterThanOrEqualTo(checkpointed);
    assertThat(resumedItems.stream().map(DeepResearchCrashIT::documentId).toList())
        .isEqualTo(documents.subList(0, resumedItems.size()));
    assertThat(index.firstAfter(rewind, "step.data").orElseThrow().get("index"))
        .as("the retry's first document comes right after the checkpoint")
        .isEqualTo(resumedItems.size());

    List<Map<String, Object>> after = index.after(attempt, "step.data");
    Set<String> resumedIds =
        resumedItems.stream().map(DeepResearchCrashIT::documentId).collect(Collectors.toSet());
    List<String> embeddedAfter =
        after.stream()
            .filter(e -> Boolean.TRUE.equals(((Map<String, Object>) e.get("item")).get("embedded")))
            .map(e -> documentId(e.get("item")))
            .toList();
    assertThat(after)
        .extracting(e -> documentId(e.get("item")))
        .doesNotContainAnyElementsOf(resumedIds);
    assertThat(embeddedAfter)
        .as("documents the retry embedded: exactly those the saved index lacked")
        .hasSize(documents.size() - loadedDocuments)
        .doesNotContainAnyElementsOf(streamedBefore);
    List<String> embeddedEver =
        index.upTo(Integer.MAX_VALUE, "step.data").stream()
            .filter(e -> Boolean.TRUE.equals(((Map<String, Object>) e.get("item")).get("embedded")))
            .map(e -> documentId(e.get("item")))
            .toList();
    assertThat(embeddedEver)
        .as("documents reported embedded, over all attempts")
        .doesNotHaveDuplicates();

    List<Object> finalItems = client.view.step("index").items();
    assertThat(finalItems.stream().map(DeepResearchCrashIT::documentId).toList())
        .isEqualTo(documents);
    for (int i = 0; i < finalItems.size(); i++) {
      assertThat(((Map<String, Object>) finalItems.get(i)).get("done")).isEqualTo(i + 1);
    }
    report.add(
        ("mid-indexing: %d documents streamed before the kill, %d in the engine's checkpoint; the"
                + " restarted app loaded %d of %d from the saved index; the retry resumed after %d"
                + " and embedded %d: %s")
            .formatted(
                streamedBefore.size(),
                checkpointed,
                loadedDocuments,
                documents.size(),
                resumedItems.size(),
                embeddedAfter.size(),
                embeddedAfter));
  }

  /**
   * No tool call that completed before the kill ran again: none was started (streamed) or executed
   * (its progress line) by a later attempt, and each appears once in the step's final calls.
   * Checked for every call of each research step's engine checkpoint and every call the client saw
   * it complete (the kill point makes sure those are checkpointed).
   */
  private void assertNoCompletedToolCallRanAgain(Kill kill) {
    int stepsWithCallsSeen = 0;
    for (Map.Entry<String, StepCheckpoint> entry : kill.checkpoints().entrySet()) {
      String step = entry.getKey();
      if (!step.startsWith("research-")) {
        continue;
      }
      int attempt = kill.attempt(step);
      Set<String> checkpointed = ToolCallKeys.all(entry.getValue().toolCalls());
      Set<String> seenCompleted = ResearchKillPoints.completedSeen(kill.steps(), step);
      assertThat(checkpointed).as("%s: calls checkpointed at the kill", step).isNotEmpty();
      assertThat(checkpointed).containsAll(seenCompleted);
      Set<String> mustNotRepeat = checkpointed;
      stepsWithCallsSeen += seenCompleted.isEmpty() ? 0 : 1;
      StepEvents events = StepEvents.of(client, step);
      List<String> startedAgain =
          events.after(attempt, "tool.call.started").stream()
              .map(e -> e.get("name") + " " + e.get("arguments"))
              .filter(mustNotRepeat::contains)
              .toList();
      assertThat(startedAgain).as("%s: calls started again after the kill", step).isEmpty();
      Set<String> executions =
          mustNotRepeat.stream().map(ToolCallKeys::executionProgress).collect(Collectors.toSet());
      List<Object> executedAgain =
          events.after(attempt, "step.progress").stream()
              .map(e -> e.get("message"))
              .filter(executions::contains)
              .toList();
      assertThat(executedAgain).as("%s: tools run again after the kill", step).isEmpty();
      StreamedRun.Step done = client.view.step(step);
      assertThat(done.status()).isEqualTo(StepStatus.COMPLETED);
      List<String> finalCalls = done.toolCalls().stream().map(ToolCallKeys::of).toList();
      assertThat(finalCalls).as("%s: its tool calls", step).doesNotHaveDuplicates();
      assertThat(finalCalls).containsAll(mustNotRepeat);
      events
          .firstRewindAfter(attempt)
          .ifPresent(
              rewind ->
                  assertThat(ToolCallKeys.all(ToolCallKeys.fromJson(rewind.get("toolCalls"))))
                      .as("%s: calls the retry resumed with", step)
                      .containsAll(checkpointed));
      report.add(
          "mid-research %s: %d calls completed before the kill as the client saw them, %d in the engine's checkpoint; %d calls in the end, none run twice"
              .formatted(step, seenCompleted.size(), checkpointed.size(), finalCalls.size()));
    }
    assertThat(stepsWithCallsSeen)
        .as("research steps the client saw complete a call before the kill")
        .isPositive();
  }

  /**
   * The report's retry rewound to its checkpoint (non-empty, at least what the engine held at the
   * kill), went on right after it, and the report the run returned is exactly what the client
   * reassembled from the stream.
   */
  @SuppressWarnings("unchecked")
  private void assertReportResumedFromItsCheckpoint(Kill kill, Map<String, Object> result) {
    int attempt = kill.attempt("report");
    String checkpointed = kill.checkpoints().get("report").text();
    StepEvents events = StepEvents.of(client, "report");
    Map<String, Object> rewind =
        events
            .firstRewindAfter(attempt)
            .orElseThrow(() -> new AssertionError("no step.rewind of the report after the kill"));
    String resumedFrom = (String) rewind.get("text");
    assertThat(resumedFrom)
        .as("text the report resumed from")
        .isNotEmpty()
        .startsWith(checkpointed);
    assertThat(events.firstAfter(rewind, "step.token").orElseThrow().get("offset"))
        .as("the retry's first token comes right after the checkpoint")
        .isEqualTo(resumedFrom.length());
    String finalReport = (String) result.get("report");
    StreamedRun.Step step = client.view.step("report");
    assertThat(step.status()).isEqualTo(StepStatus.COMPLETED);
    assertThat(step.streamedText()).as("report reassembled from the stream").isEqualTo(finalReport);
    assertThat(finalReport).startsWith(resumedFrom);
    assertThat(step.items()).as("the report's numbered sources").isEqualTo(result.get("sources"));
    if (((List<Object>) rewind.get("items")).size() == step.items().size()) {
      assertThat(events.after(attempt, "step.data")).as("sources streamed again").isEmpty();
    }
    report.add(
        "mid-report: engine checkpoint of %d chars at the kill; the retry resumed from %d of the final %d"
            .formatted(checkpointed.length(), resumedFrom.length(), finalReport.length()));
  }

  /**
   * The run's usage, as the client's view sums its steps and as its result states it, equals what
   * the model reported over all attempts: a call that completed before a kill was in its step's
   * checkpoint (the kill points make sure), and a call a kill cut off was never billed. Also, the
   * report's retry asked the model to continue its text rather than start again.
   */
  private void assertUsageIsWhatTheModelBilled(StreamedRun view, Map<String, Object> result) {
    SimulatorStatsSnapshot billed = model.stats().snapshot();
    TokenUsage bill = new TokenUsage(billed.totalPromptTokens(), billed.totalCompletionTokens());
    assertThat(view.usage()).as("the run's usage in the client's view").isEqualTo(bill);
    assertThat(JSON.convertValue(result.get("usage"), TokenUsage.class))
        .as("the run's usage in its result")
        .isEqualTo(bill);
    assertThat(billed.continuations("research-report"))
        .as("report calls that continued a checkpointed text")
        .isPositive();
    report.add(
        "usage %s = billed by the model; requests by task %s, aborted streams %s"
            .formatted(bill, billed.requests(), billed.abortedStreams()));
  }

  /**
   * Every {@code [n]} of the report is one of its numbered sources, and that source's document and
   * section were streamed by a research step of this run (live, in a rewind or in a snapshot).
   */
  @SuppressWarnings("unchecked")
  private void assertEveryCitationIsAStreamedSource(Map<String, Object> result) {
    Set<String> streamed = new HashSet<>();
    for (ReconnectingRunClient.Arrival a : client.arrivals) {
      Map<String, Object> e = a.event();
      String step = String.valueOf(e.get("step"));
      if (step.startsWith("research-") && "step.data".equals(e.get("type"))) {
        streamed.add(sourceKey(e.get("item")));
      } else if (step.startsWith("research-") && "step.rewind".equals(e.get("type"))) {
        ((List<Object>) e.get("items")).forEach(i -> streamed.add(sourceKey(i)));
      } else if ("snapshot".equals(e.get("type"))) {
        for (Map<String, Object> s :
            (List<Map<String, Object>>) ((Map<String, Object>) e.get("snapshot")).get("steps")) {
          if (((String) s.get("id")).startsWith("research-")) {
            ((List<Object>) s.get("items")).forEach(i -> streamed.add(sourceKey(i)));
          }
        }
      }
    }
    List<Map<String, Object>> sources = (List<Map<String, Object>>) result.get("sources");
    List<Integer> cited = Citations.in((String) result.get("report"));
    assertThat(cited).as("citations in the report").isNotEmpty();
    for (int n : cited) {
      Map<String, Object> source = Citations.source(sources, n);
      assertThat(streamed)
          .as("[%d] was streamed by a research step", n)
          .contains(sourceKey(source));
      assertThat(documents).contains((String) source.get("documentId"));
    }
    report.add("report cites %s of %d sources".formatted(new HashSet<>(cited), sources.size()));
  }

  // ---- the run --------------------------------------------------------------------------------

  private String submit() throws Exception {
    ApiClient.Response created =
        api.post(
            "/api/runs",
            JSON.writeValueAsString(
                Map.of("agent", "deep-research", "input", Map.of("question", QUESTION))));
    assertThat(created.status()).isEqualTo(202);
    return (String) created.body().get("runId");
  }

  private void answerIfAsked(String runId, RunEvent event) {
    if (!StreamedRun.asksQuestions(event)) {
      return;
    }
    var questions =
        event.payload() instanceof QuestionsAsked asked
            ? asked.questions()
            : ((Snapshot) event.payload()).snapshot().questions();
    Map<String, String> answers = new LinkedHashMap<>();
    questions.forEach(q -> answers.put(q.id(), "Operators running it"));
    for (int attempt = 0; attempt < 50; attempt++) {
      try {
        ApiClient.Response r =
            api.post(
                "/api/runs/" + runId + "/answers",
                JSON.writeValueAsString(Map.of("answers", answers)));
        if (r.status() == 200 || r.status() == 409) {
          return;
        }
      } catch (IOException e) {
        // the app is restarting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  // ---- small readers --------------------------------------------------------------------------

  private static String documentId(Object item) {
    return (String) ((Map<?, ?>) item).get("documentId");
  }

  private static String sourceKey(Object item) {
    Map<?, ?> source = (Map<?, ?>) item;
    return source.get("documentId") + "#" + source.get("section");
  }

  private static String describe(Map<String, StepCheckpoint> durable) {
    return durable.values().stream()
        .map(
            c ->
                "%s#%d(%d chars, %d items, %d tool calls)"
                    .formatted(
                        c.step(),
                        c.attempt(),
                        c.text().length(),
                        c.items().size(),
                        c.toolCalls().size()))
        .collect(Collectors.joining(", "));
  }

  private static String describeSteps(Map<String, StreamedRun.Step> steps, Set<String> ids) {
    return ids.stream()
        .map(
            id -> {
              StreamedRun.Step s = steps.get(id);
              return s == null
                  ? id + " unknown"
                  : "%s#%d(%d chars, %d items, %d tool calls completed)"
                      .formatted(
                          id,
                          s.attempt(),
                          s.text().length(),
                          s.items().size(),
                          ToolCallKeys.completed(s.toolCalls()).size());
            })
        .collect(Collectors.joining(", "));
  }
}
