package io.agentstream.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstream.api.client.ApiClient;
import io.agentstream.api.client.SseClient;
import io.agentstream.api.client.StreamedRun;
import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.protocol.QuestionsAsked;
import io.agentstream.protocol.RunStatus;
import io.agentstream.protocol.Snapshot;
import io.agentstream.protocol.StepStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The trip planner against a model server that, like some OpenAI-compatible APIs, refuses {@code
 * response_format: json_schema} and only takes {@code json_object}: with {@code
 * agentstream.model.structured-output=json-object} the schema goes in the prompt, and a whole run
 * (clarifying questions, places the model suggests for a destination outside the catalog, the plan)
 * completes through the real app on a real port.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "agentstream.model.structured-output=json-object")
@ActiveProfiles("test")
class JsonObjectOutputEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired OpenAiSimulator simulator;
  ApiClient api;
  final SseClient sse = new SseClient();

  @BeforeEach
  void setUp() {
    api = new ApiClient("http://127.0.0.1:" + port);
    simulator.acceptJsonSchema(false);
    simulator.stats().reset();
  }

  @AfterEach
  void acceptJsonSchemaAgain() {
    simulator.acceptJsonSchema(true);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aTripToRomeCompletesOnAServerThatTakesNoJsonSchema() throws Exception {
    ApiClient.Response created =
        api.post(
            "/api/runs",
            JSON.writeValueAsString(
                Map.of(
                    "agent",
                    "trip-planner",
                    "input",
                    Map.of("request", "Plan a 4-day trip to Rome for 2 adults"))));
    assertThat(created.status()).isEqualTo(202);
    String runId = (String) created.body().get("runId");

    StreamedRun view = new StreamedRun();
    sse.read(
        api.uri("/api/runs/" + runId + "/events"),
        null,
        e -> {
          view.apply(e.event());
          if (e.event().payload() instanceof QuestionsAsked asked) {
            answer(runId, asked.questions().stream().map(q -> q.id()).toList());
          } else if (e.event().payload() instanceof Snapshot s
              && !s.snapshot().questions().isEmpty()) {
            answer(runId, s.snapshot().questions().stream().map(q -> q.id()).toList());
          }
          return false;
        });

    assertThat(view.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(view.step("clarify").status()).isEqualTo(StepStatus.COMPLETED);
    assertThat(view.step("research-attractions").items())
        .isNotEmpty()
        .allSatisfy(
            place ->
                assertThat(((Map<String, Object>) place).get("destination")).isEqualTo("Rome"));
    // The structured calls went out as json_object (a json_schema one would have been refused).
    assertThat(simulator.stats().snapshot().requests("clarify")).isEqualTo(1);
    assertThat(simulator.stats().snapshot().requests("suggest-candidates")).isPositive();
  }

  private void answer(String runId, List<String> questionIds) {
    try {
      Map<String, String> answers = new LinkedHashMap<>();
      questionIds.forEach(id -> answers.put(id, "No preference"));
      ApiClient.Response response =
          api.post(
              "/api/runs/" + runId + "/answers",
              JSON.writeValueAsString(Map.of("answers", answers)));
      assertThat(response.status()).isEqualTo(200);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
