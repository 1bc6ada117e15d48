package com.example.standup;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.client.AgentstreamClient;
import io.agentstream.client.SubmittedRun;
import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.llm.simulator.SimulatorSettings;
import io.agentstream.protocol.RunStatus;
import io.agentstream.protocol.RunView;
import io.agentstream.protocol.StepStatus;
import io.agentstream.protocol.StepToken;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The team's app on a random port with Temporal's test server and the simulated model: its own
 * agent's run streams over SSE and the client's view equals the result.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.temporal.test-server.enabled=true")
class StandupAgentTest {

  static final OpenAiSimulator model = OpenAiSimulator.start(SimulatorSettings.defaults());

  @LocalServerPort int port;

  @DynamicPropertySource
  static void modelAtTheSimulator(DynamicPropertyRegistry registry) {
    registry.add("agentstream.model.base-url", model::baseUrl);
    registry.add("agentstream.model.api-key", () -> "test");
  }

  @AfterAll
  static void stopModel() {
    model.close();
  }

  @Test
  void ownAgentsRunStreamsTokenByTokenAndTheClientsViewEqualsTheResult() throws Exception {
    AgentstreamClient client = AgentstreamClient.create(URI.create("http://127.0.0.1:" + port));
    SubmittedRun run =
        client.submit(
            "standup", Map.of("updates", "Dana: shipped the login page. Sam: blocked on the API."));
    AtomicInteger tokens = new AtomicInteger();

    RunView view =
        client
            .follow(
                run.runId(),
                (event, outcome, v) -> {
                  if (event.payload() instanceof StepToken) {
                    tokens.incrementAndGet();
                  }
                })
            .awaitEnd(Duration.ofMinutes(2));

    assertThat(view.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(tokens.get()).as("tokens streamed while the step ran").isGreaterThan(5);
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) view.result();
    assertThat(view.step("summary").orElseThrow().status()).isEqualTo(StepStatus.COMPLETED);
    assertThat(view.step("summary").orElseThrow().text())
        .isEqualTo(result.get("summary"))
        .isNotBlank();
    assertThat(client.snapshot(run.runId()).status()).isEqualTo(RunStatus.COMPLETED);
  }

  @Test
  void theStartersLivePageServesTheTeamsAgent() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String path : new String[] {"/", "/runs/run-abc", "/agentstream-page/app.js", "/js/agentstream.js"}) {
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      assertThat(page.body()).as(path).isNotBlank();
    }
    HttpResponse<String> agents =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/agents")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(agents.body()).contains("\"standup\"");
  }
}
