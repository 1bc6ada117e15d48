package io.agentstream.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstream.api.client.ApiClient;
import io.agentstream.api.client.SseClient;
import io.agentstream.api.client.StreamedRun;
import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.protocol.RunStatus;
import io.agentstream.protocol.StepFailed;
import io.agentstream.protocol.StepRetrying;
import io.agentstream.protocol.StepStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A step's {@code max_tokens} cutting the model's reply off, through the whole app on a real port
 * with the simulated model behind the real langchain4j client: a text answer is kept and its step
 * is {@code CUT_SHORT}, not passed off as finished; a structured reply (half a JSON object) fails
 * its step at once, naming the setting to raise, instead of being retried into the same wall.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "agentstream.model.step-max-tokens.answer=6",
      "agentstream.model.step-max-tokens.clarify=6"
    })
@ActiveProfiles("test")
class ModelOutputLimitEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired OpenAiSimulator simulator;
  ApiClient api;
  final SseClient sse = new SseClient();
  final List<SseClient.Received> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    api = new ApiClient("http://127.0.0.1:" + port);
    simulator.stats().reset();
  }

  private StreamedRun run(Map<String, Object> body) throws Exception {
    ApiClient.Response created = api.post("/api/runs", JSON.writeValueAsString(body));
    assertThat(created.status()).isEqualTo(202);
    String runId = (String) created.body().get("runId");
    StreamedRun view = new StreamedRun();
    sse.read(
        api.uri("/api/runs/" + runId + "/events"),
        null,
        e -> {
          received.add(e);
          view.apply(e.event());
          return false;
        });
    return view;
  }

  @Test
  void anAnswerCutOffByItsMaxTokensIsKeptAndItsStepIsCutShort() throws Exception {
    StreamedRun view =
        run(
            Map.of(
                "agent",
                "question-answer",
                "input",
                Map.of("question", "How do I get around Oahu without a car?")));

    assertThat(view.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(view.step("answer").status()).isEqualTo(StepStatus.CUT_SHORT);
    assertThat(view.step("answer").text()).isNotBlank();
    assertThat(view.usage("answer").outputTokens()).isEqualTo(6);
  }

  @Test
  void aClarifyReplyCutOffByItsMaxTokensFailsAtOnceNamingTheSettingToRaise() throws Exception {
    StreamedRun view =
        run(
            Map.of(
                "agent",
                "trip-planner",
                "input",
                Map.of("request", "Plan a 3-day trip to Oahu for 2 adults")));

    assertThat(view.status()).isEqualTo(RunStatus.FAILED);
    assertThat(view.step("clarify").status()).isEqualTo(StepStatus.FAILED);
    List<Object> clarifyPayloads =
        received.stream()
            .filter(e -> "clarify".equals(e.event().step()))
            .map(e -> (Object) e.event().payload())
            .toList();
    assertThat(clarifyPayloads).noneMatch(p -> p instanceof StepRetrying);
    StepFailed failed =
        clarifyPayloads.stream()
            .filter(StepFailed.class::isInstance)
            .map(StepFailed.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(failed.error())
        .contains("max_tokens (6)")
        .contains("agentstream.model.step-max-tokens.clarify");
    assertThat(failed.usage().outputTokens()).isEqualTo(6);
    assertThat(simulator.stats().snapshot().requests("clarify")).isEqualTo(1);
  }
}
