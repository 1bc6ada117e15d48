package io.agentstream.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstream.api.client.ApiClient;
import io.agentstream.api.client.RunQuestions;
import io.agentstream.api.client.SseClient;
import io.agentstream.api.client.StreamedRun;
import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.protocol.RunStatus;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A model server that, like OpenAI's reasoning models (the o-series, GPT-5), refuses {@code
 * max_tokens} and takes only {@code max_completion_tokens}: with {@code
 * agentstream.model.max-tokens-parameter=max-completion-tokens} (what {@code auto} picks for
 * OpenAI's API) every call of a whole trip plan, structured, tool-calling and text, goes out with
 * the limit the server takes, and the run completes.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "agentstream.model.max-tokens-parameter=max-completion-tokens")
@ActiveProfiles("test")
class MaxCompletionTokensEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired OpenAiSimulator simulator;
  ApiClient api;
  final SseClient sse = new SseClient();

  @BeforeEach
  void setUp() {
    api = new ApiClient("http://127.0.0.1:" + port);
    simulator.refuseMaxTokens(true);
  }

  @AfterEach
  void takeMaxTokensAgain() {
    simulator.refuseMaxTokens(false);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aTripToKyotoCompletesOnAServerThatRefusesMaxTokens() throws Exception {
    ApiClient.Response created =
        api.post(
            "/api/runs",
            JSON.writeValueAsString(
                Map.of(
                    "agent",
                    "trip-planner",
                    "input",
                    Map.of("request", "Plan a 3-day trip to Kyoto"))));
    assertThat(created.status()).isEqualTo(202);
    String runId = (String) created.body().get("runId");

    StreamedRun view = RunQuestions.followAnsweringNoPreference(api, sse, runId);

    assertThat(view.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(view.step("research-attractions").toolCalls()).isNotEmpty();
    assertThat(view.step("research-attractions").items())
        .isNotEmpty()
        .allSatisfy(
            place ->
                assertThat(((Map<String, Object>) place).get("destination")).isEqualTo("Kyoto"));
    assertThat(view.step("plan").text()).isNotBlank();
  }
}
