package io.agentstream.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstream.api.client.ApiClient;
import io.agentstream.api.client.RunQuestions;
import io.agentstream.api.client.SseClient;
import io.agentstream.api.client.StreamedRun;
import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.llm.simulator.SimulatedReasoning;
import io.agentstream.llm.simulator.SimulatorFault;
import io.agentstream.protocol.RunStatus;
import io.agentstream.protocol.StepProgress;
import io.agentstream.protocol.StepReasoning;
import io.agentstream.protocol.StepToken;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A reasoning model on a server that leaves its reasoning in the reply ({@code <think>…</think>}
 * first, as some local servers do): no client sees the reasoning as the answer, the structured
 * steps still parse, and the step says the model is thinking while it does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ReasoningModelEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired OpenAiSimulator simulator;
  ApiClient api;
  final SseClient sse = new SseClient();

  @BeforeEach
  void setUp() {
    api = new ApiClient("http://127.0.0.1:" + port);
  }

  @AfterEach
  void stopThinking() {
    simulator.reason(SimulatedReasoning.NONE);
    simulator.requireReasoningBack(false);
  }

  private record Followed(StreamedRun view, List<String> progress, String tokens) {}

  private Followed follow(String agent, Map<String, Object> input) throws Exception {
    ApiClient.Response created =
        api.post("/api/runs", JSON.writeValueAsString(Map.of("agent", agent, "input", input)));
    assertThat(created.status()).isEqualTo(202);
    String runId = (String) created.body().get("runId");
    StreamedRun view = new StreamedRun();
    List<String> progress = new ArrayList<>();
    StringBuilder tokens = new StringBuilder();
    sse.read(
        api.uri("/api/runs/" + runId + "/events"),
        null,
        e -> {
          view.apply(e.event());
          if (e.event().payload() instanceof StepProgress p) {
            progress.add(p.message());
          } else if (e.event().payload() instanceof StepToken t) {
            tokens.append(t.text());
          } else if (!RunQuestions.askedIn(e.event()).isEmpty()) {
            RunQuestions.answerNoPreference(api, runId, RunQuestions.askedIn(e.event()));
          }
          return false;
        });
    assertThat(view.status()).isEqualTo(RunStatus.COMPLETED);
    return new Followed(view, progress, tokens.toString());
  }

  @ParameterizedTest
  @EnumSource(
      value = SimulatedReasoning.class,
      names = {"IN_CONTENT", "IN_REASONING_FIELD"})
  void theAnswerIsTheSameWhetherOrNotTheModelThinksFirst(SimulatedReasoning where)
      throws Exception {
    Map<String, Object> question = Map.of("question", "How do I get around Oahu without a car?");
    Followed plain = follow("question-answer", question);
    simulator.reason(where);

    Followed thinking = follow("question-answer", question);

    assertThat(plain.view().step("answer").text()).contains("Oahu");
    assertThat(thinking.view().step("answer").text()).isEqualTo(plain.view().step("answer").text());
    assertThat(thinking.tokens()).doesNotContain("think>").doesNotContain("The task is");
    assertThat(thinking.progress()).contains("The model is thinking");
    assertThat(plain.progress()).doesNotContain("The model is thinking");
    // The reasoning streamed on its own, as step.reasoning, until the answer replaced it.
    assertThat(thinking.view().reasoningAtCompletion("answer"))
        .startsWith("The task is")
        .doesNotContain("think>");
    assertThat(thinking.view().reasoning("answer")).isEmpty();
    assertThat(plain.view().reasoningAtCompletion("answer")).isEmpty();
  }

  /**
   * The reasoning is durable state while the step works: a client that connects while the model
   * reasons gets the reasoning so far in its snapshot (from the step's checkpoint) and the rest as
   * deltas, with nothing to resync.
   */
  @Test
  @SuppressWarnings("unchecked")
  void aClientThatConnectsWhileTheModelReasonsGetsTheReasoningSoFarInItsSnapshot()
      throws Exception {
    simulator.reason(SimulatedReasoning.IN_CONTENT);
    // The reply goes silent in the middle of its <think> block for a while, then breaks.
    simulator.faults().inject("answer", SimulatorFault.hangAfter(8, Duration.ofSeconds(2)), 1);
    ApiClient.Response created =
        api.post(
            "/api/runs",
            JSON.writeValueAsString(
                Map.of(
                    "agent",
                    "question-answer",
                    "input",
                    Map.of("question", "Why is the sea salty?"))));
    String runId = (String) created.body().get("runId");

    String reasoningSoFar = "";
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (reasoningSoFar.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      List<Map<String, Object>> steps =
          (List<Map<String, Object>>) api.get("/api/runs/" + runId).body().get("steps");
      reasoningSoFar =
          steps.stream()
              .filter(step -> "answer".equals(step.get("id")))
              .map(step -> (String) step.getOrDefault("reasoning", ""))
              .findFirst()
              .orElse("");
    }
    assertThat(reasoningSoFar).startsWith("The task is").doesNotContain("think>");

    StreamedRun view = new StreamedRun();
    List<String> reasoningDeltas = new ArrayList<>();
    sse.read(
        api.uri("/api/runs/" + runId + "/events"),
        null,
        e -> {
          view.apply(e.event());
          if (e.event().payload() instanceof StepReasoning r) {
            reasoningDeltas.add(r.text());
          }
          return false;
        });
    assertThat(view.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(view.snapshots()).isEqualTo(1);
    assertThat(reasoningDeltas).isNotEmpty();
    assertThat(view.reasoningAtCompletion("answer")).startsWith(reasoningSoFar);
    assertThat(view.step("answer").text()).doesNotContain("The task is");
  }

  /**
   * DeepSeek's thinking mode: the model reasons before its tool calls too, and the server refuses
   * (HTTP 400) a conversation whose tool-calling turns come back without that reasoning.
   */
  @Test
  @SuppressWarnings("unchecked")
  void everyToolCallingAgentCompletesOnAServerThatWantsTheReasoningBack() throws Exception {
    simulator.reason(SimulatedReasoning.IN_REASONING_FIELD);
    simulator.requireReasoningBack(true);

    Followed sum = follow("question-answer", Map.of("question", "What is 1,250 * 12 + 99?"));
    Followed trip = follow("trip-planner", Map.of("request", "Plan a 3-day trip to Kyoto"));
    Followed notes =
        follow(
            "meeting-notes",
            Map.of("notes", "Sync, 12 March 2026\nAna will ship the beta by Friday."));
    Followed research =
        follow(
            "deep-research",
            Map.of("question", "How does agentstream resume a step after a crash?"));

    assertThat(sum.view().step("answer").text()).contains("15099");
    assertThat(sum.view().step("answer").toolCalls()).isNotEmpty();
    assertThat(trip.view().step("research-attractions").toolCalls()).isNotEmpty();
    assertThat(
            (List<Map<String, Object>>)
                ((Map<String, Object>) notes.view().result()).get("actionItems"))
        .singleElement()
        .satisfies(item -> assertThat(item.get("dueDate")).isEqualTo("2026-03-13"));
    assertThat(research.view().steps().keySet()).anyMatch(id -> id.startsWith("research-"));
    assertThat(
            research.view().steps().entrySet().stream()
                .filter(e -> e.getKey().startsWith("research-"))
                .flatMap(e -> e.getValue().toolCalls().stream()))
        .hasSizeGreaterThan(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aTripToRomeCompletesWithEveryStructuredReplyParsedPastTheReasoning() throws Exception {
    simulator.reason(SimulatedReasoning.IN_CONTENT);

    Followed trip =
        follow("trip-planner", Map.of("request", "Plan a 4-day trip to Rome for 2 adults"));

    assertThat(trip.view().step("research-attractions").items())
        .isNotEmpty()
        .allSatisfy(
            place ->
                assertThat(((Map<String, Object>) place).get("destination")).isEqualTo("Rome"));
    assertThat(trip.tokens()).doesNotContain("think>").doesNotContain("The task is");
    assertThat(trip.view().steps().values())
        .allSatisfy(step -> assertThat(step.text()).doesNotContain("think>"));
  }
}
