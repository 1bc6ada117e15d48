package io.agentstream.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstream.api.client.ApiClient;
import io.agentstream.api.client.RunQuestions;
import io.agentstream.api.client.SseClient;
import io.agentstream.api.client.StreamedRun;
import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.protocol.RunStatus;
import io.agentstream.protocol.StepStatus;
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

    StreamedRun view = RunQuestions.followAnsweringNoPreference(api, sse, runId);

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
}
