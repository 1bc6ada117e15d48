package io.agentstream.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstream.api.client.ApiClient;
import io.agentstream.api.client.SseClient;
import io.agentstream.api.client.StreamedRun;
import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.llm.simulator.SimulatorStatsSnapshot;
import io.agentstream.protocol.RunStatus;
import io.agentstream.protocol.StepStatus;
import io.agentstream.protocol.StopReason;
import io.agentstream.protocol.TokenUsage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Token usage through the whole app on a real port, with the simulated model behind the real
 * langchain4j client: each step's {@code step.completed} carries what the model reported for it,
 * the snapshot and the result carry the run's total, and a run submitted with a {@code tokenBudget}
 * it uses up stops early and says why.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TokenUsageEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired OpenAiSimulator simulator;
  ApiClient api;
  final SseClient sse = new SseClient();

  @BeforeEach
  void setUp() {
    api = new ApiClient("http://127.0.0.1:" + port);
  }

  private String submit(Map<String, Object> body) throws Exception {
    ApiClient.Response created = api.post("/api/runs", JSON.writeValueAsString(body));
    assertThat(created.status()).isEqualTo(202);
    return (String) created.body().get("runId");
  }

  private StreamedRun follow(String runId) throws Exception {
    StreamedRun view = new StreamedRun();
    sse.read(
        api.uri("/api/runs/" + runId + "/events"),
        null,
        e -> {
          view.apply(e.event());
          return false;
        });
    return view;
  }

  private static TokenUsage usageIn(Object json) {
    return JSON.convertValue(json, TokenUsage.class);
  }

  @Test
  @SuppressWarnings("unchecked")
  void eachStepsUsageIsWhatTheModelReportedAndTheRunShowsTheTotal() throws Exception {
    simulator.stats().reset();
    String runId =
        submit(
            Map.of(
                "agent",
                "meeting-notes",
                "input",
                Map.of("notes", "Sync with Dana. Dana will send the minutes by Friday.")));
    StreamedRun view = follow(runId);

    assertThat(view.status()).isEqualTo(RunStatus.COMPLETED);
    SimulatorStatsSnapshot reported = simulator.stats().snapshot();
    // The action-items step's calls: the list, and the turn that resolves its due date.
    TokenUsage actionItems =
        new TokenUsage(
                reported.promptTokens("action-items"), reported.completionTokens("action-items"))
            .plus(
                new TokenUsage(
                    reported.promptTokens("resolve-due-dates"),
                    reported.completionTokens("resolve-due-dates")));
    TokenUsage followUp =
        new TokenUsage(reported.promptTokens("follow-up"), reported.completionTokens("follow-up"));
    assertThat(actionItems.outputTokens()).isPositive();
    assertThat(view.usage("action-items")).isEqualTo(actionItems);
    assertThat(view.usage("follow-up")).isEqualTo(followUp);
    assertThat(view.usage()).isEqualTo(actionItems.plus(followUp));

    Map<String, Object> snapshot = api.get("/api/runs/" + runId).body();
    assertThat(usageIn(snapshot.get("usage"))).isEqualTo(actionItems.plus(followUp));
    assertThat(snapshot).containsEntry("tokenBudget", null).containsEntry("stopReason", null);
    List<Map<String, Object>> steps = (List<Map<String, Object>>) snapshot.get("steps");
    assertThat(steps)
        .extracting(s -> usageIn(s.get("usage")))
        .containsExactly(actionItems, followUp);
    Map<String, Object> result = (Map<String, Object>) snapshot.get("result");
    assertThat(usageIn(result.get("usage"))).isEqualTo(actionItems.plus(followUp));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRunThatUsesItsTokenBudgetStopsEarlyAndSaysWhy() throws Exception {
    Map<String, Object> body = new HashMap<>();
    body.put("agent", "trip-planner");
    body.put("input", Map.of("request", "Plan a 3-day trip to Oahu for 2 adults"));
    // Clarifying the request alone takes more: clarify is cut short, the run asks nothing and
    // skips every other step.
    body.put("tokenBudget", 1);
    String runId = submit(body);
    StreamedRun view = follow(runId);

    assertThat(view.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(view.stopReason()).isEqualTo(StopReason.TOKEN_BUDGET);
    // Clarify stops itself at its first token: the budget is used up.
    assertThat(view.step("clarify").status()).isEqualTo(StepStatus.CUT_SHORT);
    assertThat(view.usage("clarify").totalTokens()).isGreaterThanOrEqualTo(1);
    for (String skipped :
        List.of("research-restaurants", "research-attractions", "plan", "summarize")) {
      assertThat(view.step(skipped).status()).as(skipped).isEqualTo(StepStatus.SKIPPED);
    }

    Map<String, Object> snapshot = api.get("/api/runs/" + runId).body();
    assertThat(snapshot)
        .containsEntry("stopReason", "TOKEN_BUDGET")
        .containsEntry("tokenBudget", 1);
    Map<String, Object> result = (Map<String, Object>) snapshot.get("result");
    assertThat(result).containsEntry("stopReason", "TOKEN_BUDGET");
    assertThat((List<String>) result.get("skippedSteps"))
        .containsExactly("research-restaurants", "research-attractions", "plan", "summarize");
    assertThat(usageIn(result.get("usage"))).isEqualTo(view.usage("clarify"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aStepThatUsesTheRestOfTheBudgetStopsItselfAndIsCutShort() throws Exception {
    String question = "How do I get around Oahu without a car?";
    String full =
        (String)
            ((Map<String, Object>)
                    follow(
                            submit(
                                Map.of(
                                    "agent",
                                    "question-answer",
                                    "input",
                                    Map.of("question", question))))
                        .result())
                .get("answer");
    Map<String, Object> body = new HashMap<>();
    body.put("agent", "question-answer");
    body.put("input", Map.of("question", question));
    // Far less than the answer takes: the step stops itself while the model is still writing.
    body.put("tokenBudget", 10);
    String runId = submit(body);
    StreamedRun view = follow(runId);

    assertThat(view.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(view.stopReason()).isEqualTo(StopReason.TOKEN_BUDGET);
    assertThat(view.step("answer").status()).isEqualTo(StepStatus.CUT_SHORT);
    String cut = view.step("answer").text();
    assertThat(cut).isNotEmpty();
    assertThat(full).startsWith(cut).isNotEqualTo(cut);
    // The call may write the 10 tokens left (its max_tokens) and no more; stopped before the model
    // reported usage, its streamed tokens count one per delta.
    assertThat(view.usage("answer").outputTokens()).isGreaterThanOrEqualTo(10);
    Map<String, Object> result = (Map<String, Object>) view.result();
    assertThat(result).containsEntry("cutShort", true).containsEntry("stopReason", "TOKEN_BUDGET");
  }

  @Test
  void aTokenBudgetThatIsNotAPositiveWholeNumberIsRefused() throws Exception {
    for (Object bad : List.of(0, -5, 2.5, "many")) {
      Map<String, Object> body = new HashMap<>();
      body.put("agent", "question-answer");
      body.put("input", Map.of("question", "Why is the sea salty?"));
      body.put("tokenBudget", bad);
      ApiClient.Response refused = api.post("/api/runs", JSON.writeValueAsString(body));
      assertThat(refused.status()).as("tokenBudget %s", bad).isEqualTo(400);
      assertThat((String) refused.body().get("detail")).contains("tokenBudget");
    }
  }
}
