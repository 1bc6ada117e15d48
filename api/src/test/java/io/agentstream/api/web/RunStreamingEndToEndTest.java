package io.agentstream.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.api.client.ApiClient;
import io.agentstream.api.client.SseClient;
import io.agentstream.api.client.StreamedRun;
import io.agentstream.protocol.EventDraft;
import io.agentstream.protocol.RunStatus;
import io.agentstream.protocol.RunStatusChanged;
import io.agentstream.protocol.StepStatus;
import io.agentstream.spring.agent.AgentCatalog;
import io.agentstream.spring.config.AgentstreamProperties;
import io.agentstream.stream.StreamChannel;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole path on a real port: submit, questions, answers, tokens streamed over SSE while the
 * step runs, reconnect with Last-Event-ID, and a client view that equals the final result.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RunStreamingEndToEndTest {

  @LocalServerPort int port;
  @Autowired StreamChannel channel;
  @Autowired WorkflowClient workflows;
  @Autowired AgentCatalog agents;
  @Autowired AgentstreamProperties props;
  ApiClient api;
  final SseClient sse = new SseClient();

  @BeforeEach
  void setUp() {
    api = new ApiClient("http://127.0.0.1:" + port);
  }

  @Test
  @SuppressWarnings("unchecked")
  void streamsQuestionsTokensAndResultAndResumesAfterReconnect() throws Exception {
    ApiClient.Response created =
        api.post(
            "/api/runs",
            "{\"agent\":\"trip-planner\",\"input\":{\"request\":\"Plan a 5-day trip to Hawaii\"}}");
    assertThat(created.status()).isEqualTo(202);
    String runId = (String) created.body().get("runId");
    assertThat(created.location()).isEqualTo("/api/runs/" + runId);
    assertThat((Map<String, Object>) created.body().get("links"))
        .containsEntry("events", "/api/runs/" + runId + "/events");

    StreamedRun view = new StreamedRun();
    List<Long> seqs = new ArrayList<>();
    List<String> types = new ArrayList<>();
    AtomicInteger planTokens = new AtomicInteger();
    long[] firstPlanToken = new long[1];
    long[] planCompleted = new long[1];

    // First connection: snapshot, questions (answered), then read into the plan step and drop.
    SseClient.Outcome first =
        sse.read(
            api.uri("/api/runs/" + runId + "/events"),
            null,
            e -> {
              view.apply(e.event());
              seqs.add(Long.parseLong(e.id()));
              types.add(e.name());
              if (StreamedRun.asksQuestions(e.event())) {
                answer(runId, questionsOf(e.data()));
              }
              if (e.name().equals("step.token") && "plan".equals(e.data().get("step"))) {
                if (planTokens.incrementAndGet() == 1) {
                  firstPlanToken[0] = e.arrivedNanos();
                }
                return planTokens.get() == 15;
              }
              return false;
            });
    assertThat(first.endedByServer()).isFalse();
    assertThat(types.get(0)).isEqualTo("snapshot");
    assertThat(types).contains("questions", "step.data", "step.started", "step.completed");
    assertThat(view.step("plan").status()).isEqualTo(StepStatus.RUNNING);
    String textBeforeReconnect = view.step("plan").text();

    // Second connection resumes right after the last id: no snapshot, no duplicate, no gap.
    long lastId = seqs.get(seqs.size() - 1);
    List<Long> resumed = new ArrayList<>();
    sse.read(
        api.uri("/api/runs/" + runId + "/events"),
        Long.toString(lastId),
        e -> {
          resumed.add(Long.parseLong(e.id()));
          types.add(e.name());
          view.apply(e.event());
          if (e.name().equals("step.completed") && "plan".equals(e.data().get("step"))) {
            planCompleted[0] = e.arrivedNanos();
          }
          return false;
        });
    assertThat(resumed.get(0)).isEqualTo(lastId + 1);
    assertThat(types.subList(seqs.size(), types.size())).doesNotContain("snapshot");
    Set<Long> all = new HashSet<>(seqs);
    assertThat(resumed).allMatch(all::add);
    for (int i = 1; i < resumed.size(); i++) {
      assertThat(resumed.get(i)).isEqualTo(resumed.get(i - 1) + 1);
    }

    // Tokens arrived while the step ran, not as one dump at the end.
    assertThat(planCompleted[0] - firstPlanToken[0]).isGreaterThan(300_000_000L);
    assertThat(view.step("plan").text()).startsWith(textBeforeReconnect);

    assertThat(view.status()).isEqualTo(RunStatus.COMPLETED);
    Map<String, Object> result = (Map<String, Object>) view.result();
    assertThat(view.step("plan").text()).isEqualTo(result.get("itinerary")).contains("Day 5");
    assertThat(view.step("summarize").text()).isEqualTo(result.get("summary")).isNotBlank();
    // What the client reassembled from tokens alone, before step.completed confirmed it.
    assertThat(view.step("plan").streamedText()).isEqualTo(result.get("itinerary"));
    assertThat(view.step("summarize").streamedText()).isEqualTo(result.get("summary"));
    assertThat((List<Object>) result.get("restaurants")).hasSize(3);
    assertThat(view.step("research-restaurants").items()).isEqualTo(result.get("restaurants"));

    ApiClient.Response snapshot = api.get("/api/runs/" + runId);
    assertThat(snapshot.body()).containsEntry("status", "COMPLETED");
    assertThat((Map<String, Object>) snapshot.body().get("result"))
        .containsEntry("itinerary", result.get("itinerary"));
    assertThat(((Map<String, Object>) snapshot.body().get("answers")))
        .containsEntry("travelers", "3 adults");

    // A stale id gets a fresh snapshot, then the terminal event; an id past the end gets 204.
    List<String> stale = new ArrayList<>();
    sse.read(api.uri("/api/runs/" + runId + "/events"), "1", e -> stale.add(e.name()) && false);
    assertThat(stale).containsExactly("snapshot", "run.completed");
    SseClient.Outcome past =
        sse.read(
            api.uri("/api/runs/" + runId + "/events"), Long.toString(view.lastSeq()), e -> false);
    assertThat(past.status()).isEqualTo(204);
  }

  @Test
  @SuppressWarnings("unchecked")
  void finishNowKeepsWhatClientsSawAndGoesStraightToTheSummary() throws Exception {
    // A long plan, so the finish-now sent after 20 tokens lands well before its end even on a
    // loaded machine.
    String runId =
        (String)
            api.post(
                    "/api/runs",
                    "{\"agent\":\"trip-planner\",\"input\":{\"request\":\"Plan a 14-day trip to Hawaii\"}}")
                .body()
                .get("runId");
    StreamedRun view = new StreamedRun();
    AtomicInteger planTokens = new AtomicInteger();
    sse.read(
        api.uri("/api/runs/" + runId + "/events"),
        null,
        e -> {
          view.apply(e.event());
          if (StreamedRun.asksQuestions(e.event())) {
            answer(runId, questionsOf(e.data()));
          }
          if (e.name().equals("step.token")
              && "plan".equals(e.data().get("step"))
              && planTokens.incrementAndGet() == 20) {
            assertThat(post("/api/runs/" + runId + "/finish-now").status()).isEqualTo(202);
          }
          return false;
        });

    assertThat(view.status()).isEqualTo(RunStatus.COMPLETED);
    Map<String, Object> result = (Map<String, Object>) view.result();
    assertThat((List<String>) result.get("cutShortSteps")).containsExactly("plan");
    assertThat(view.step("plan").status()).isEqualTo(StepStatus.CUT_SHORT);
    assertThat(view.step("plan").text())
        .isEqualTo(result.get("itinerary"))
        .isNotEmpty()
        .doesNotContain("Day 14");
    assertThat(view.step("plan").streamedText()).isEqualTo(result.get("itinerary"));
    assertThat(view.step("summarize").status()).isEqualTo(StepStatus.COMPLETED);
    assertThat(view.step("summarize").text()).isEqualTo(result.get("summary")).isNotBlank();
  }

  @Test
  @SuppressWarnings("unchecked")
  void cancelStopsTheRunningStepsAndEndsTheRun() throws Exception {
    String runId = startTrip();
    StreamedRun view = new StreamedRun();
    List<String> types = new ArrayList<>();
    sse.read(
        api.uri("/api/runs/" + runId + "/events"),
        null,
        e -> {
          view.apply(e.event());
          types.add(e.name() + (e.data().get("step") == null ? "" : ":" + e.data().get("step")));
          if (StreamedRun.asksQuestions(e.event())) {
            answer(runId, questionsOf(e.data()));
          }
          if (e.name().equals("step.data")
              && "research-attractions".equals(e.data().get("step"))
              && !types.contains("cancel")) {
            types.add("cancel");
            assertThat(post("/api/runs/" + runId + "/cancel").status()).isEqualTo(202);
          }
          return false;
        });

    assertThat(view.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(types).last().isEqualTo("run.cancelled");
    assertThat(types).doesNotContain("step.started:plan");
    assertThat(api.get("/api/runs/" + runId).body()).containsEntry("status", "CANCELLED");
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES) // before the fix the run never ended
  void cancelWhileTheClarifyingQuestionsStreamEndsTheRun() throws Exception {
    String runId = startTrip();
    StreamedRun view = new StreamedRun();
    List<String> types = new ArrayList<>();
    sse.read(
        api.uri("/api/runs/" + runId + "/events"),
        null,
        e -> {
          view.apply(e.event());
          types.add(e.name() + (e.data().get("step") == null ? "" : ":" + e.data().get("step")));
          if (e.name().equals("step.started")
              && "clarify".equals(e.data().get("step"))
              && !types.contains("cancel")) {
            types.add("cancel");
            assertThat(post("/api/runs/" + runId + "/cancel").status()).isEqualTo(202);
          }
          return false;
        });

    // The half-streamed reply is not a malformed one: no failed attempt, no retry, just the end.
    assertThat(view.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(types).contains("cancel").doesNotContain("step.failed:clarify");
    assertThat(types).last().isEqualTo("run.cancelled");
    assertThat(api.get("/api/runs/" + runId).body()).containsEntry("status", "CANCELLED");
  }

  @Test
  void secondAgentRunsThroughTheSameApiAndStream() throws Exception {
    ApiClient.Response created =
        api.post(
            "/api/runs",
            "{\"agent\":\"question-answer\",\"input\":{\"question\":\"Why is the sea salty?\"}}");
    assertThat(created.status()).isEqualTo(202);
    String runId = (String) created.body().get("runId");
    StreamedRun view = new StreamedRun();
    sse.read(
        api.uri("/api/runs/" + runId + "/events"),
        null,
        e -> {
          view.apply(e.event());
          return false;
        });
    assertThat(view.status()).isEqualTo(RunStatus.COMPLETED);
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) view.result();
    assertThat(view.step("answer").text()).isEqualTo(result.get("answer")).contains("salty");
  }

  @Test
  @SuppressWarnings("unchecked")
  void subscriberOfARunningRunGetsItsFirstEventAsTheSnapshotAndEveryEventAfterIt()
      throws Exception {
    String runId =
        (String)
            api.post(
                    "/api/runs",
                    "{\"agent\":\"question-answer\",\"input\":{\"question\":\"Why is the sky blue?\"}}")
                .body()
                .get("runId");
    List<SseClient.Received> received = new ArrayList<>();
    StreamedRun view = new StreamedRun();
    sse.read(
        api.uri("/api/runs/" + runId + "/events"),
        null,
        e -> {
          received.add(e);
          view.apply(e.event());
          return false;
        });

    // The snapshot is the run's initial state, published as its first event (no workflow query):
    // it carries a real event id, every step is still pending, and the events follow without a gap.
    SseClient.Received snapshot = received.get(0);
    assertThat(snapshot.name()).isEqualTo("snapshot");
    Map<String, Object> initial = (Map<String, Object>) snapshot.data().get("snapshot");
    assertThat(initial)
        .containsEntry("status", "RUNNING")
        .containsEntry("agent", "question-answer");
    assertThat((List<Map<String, Object>>) initial.get("steps"))
        .extracting(step -> step.get("status"))
        .containsOnly("PENDING");
    assertThat(Long.parseLong(snapshot.id()))
        .isPositive()
        .isEqualTo(((Number) initial.get("lastEventId")).longValue());
    for (int i = 1; i < received.size(); i++) {
      assertThat(Long.parseLong(received.get(i).id()))
          .isEqualTo(Long.parseLong(received.get(i - 1).id()) + 1);
    }
    assertThat(received.get(1).name()).isEqualTo("step.started");
    assertThat(view.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(view.step("answer").streamedText())
        .isEqualTo(((Map<String, Object>) view.result()).get("answer"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void subscriberGetsASnapshotOfTheDurableStateWhenTheChannelDoesNotStartWithTheRun()
      throws Exception {
    // A run whose live channel already held another event before the workflow's first one, as for
    // a run from before run.started existed: the replay cannot start from the run's initial state.
    String runId = "run-" + java.util.UUID.randomUUID();
    channel.append(EventDraft.ofRun(runId, new RunStatusChanged(RunStatus.RUNNING)));
    workflows
        .newUntypedWorkflowStub(
            agents.find("question-answer").orElseThrow().workflowType(),
            WorkflowOptions.newBuilder()
                .setWorkflowId(runId)
                .setTaskQueue(props.taskQueue())
                .build())
        .start(Map.of("question", "Why do cats purr?"));

    List<SseClient.Received> received = new ArrayList<>();
    StreamedRun view = new StreamedRun();
    sse.read(
        api.uri("/api/runs/" + runId + "/events"),
        null,
        e -> {
          received.add(e);
          view.apply(e.event());
          return false;
        });

    // One snapshot, built from the query, then events after it; the view is exact all the same.
    assertThat(received).filteredOn(e -> e.name().equals("snapshot")).hasSize(1);
    assertThat(received.get(0).name()).isEqualTo("snapshot");
    assertThat(view.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(view.step("answer").text())
        .isEqualTo(((Map<String, Object>) view.result()).get("answer"))
        .contains("cats");
  }

  @Test
  void sameIdempotencyKeyReturnsTheSameRun() throws Exception {
    String body = "{\"agent\":\"question-answer\",\"input\":{\"question\":\"What is Temporal?\"}}";
    ApiClient.Response a = api.post("/api/runs", body, Map.of("Idempotency-Key", "key-123"));
    ApiClient.Response b = api.post("/api/runs", body, Map.of("Idempotency-Key", "key-123"));
    ApiClient.Response c = api.post("/api/runs", body, Map.of("Idempotency-Key", "key-456"));
    assertThat(a.body().get("runId"))
        .isEqualTo(b.body().get("runId"))
        .isNotEqualTo(c.body().get("runId"));
  }

  private String startTrip() throws Exception {
    return (String)
        api.post(
                "/api/runs",
                "{\"agent\":\"trip-planner\",\"input\":{\"request\":\"Plan a 5-day trip to Hawaii\"}}")
            .body()
            .get("runId");
  }

  private ApiClient.Response post(String path) {
    try {
      return api.post(path, null);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> questionsOf(Map<String, Object> event) {
    Map<String, Object> source =
        event.containsKey("snapshot") ? (Map<String, Object>) event.get("snapshot") : event;
    return (List<Map<String, Object>>) source.get("questions");
  }

  private void answer(String runId, List<Map<String, Object>> questions) {
    try {
      StringBuilder json = new StringBuilder("{\"answers\":{");
      for (int i = 0; i < questions.size(); i++) {
        String id = (String) questions.get(i).get("id");
        json.append(i == 0 ? "" : ",")
            .append('"')
            .append(id)
            .append("\":\"")
            .append(id.equals("travelers") ? "3 adults" : "whatever suits")
            .append('"');
      }
      json.append("}}");
      ApiClient.Response response = api.post("/api/runs/" + runId + "/answers", json.toString());
      assertThat(response.status()).isEqualTo(200);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
