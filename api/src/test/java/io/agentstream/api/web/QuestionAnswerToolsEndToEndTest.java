package io.agentstream.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstream.api.client.ApiClient;
import io.agentstream.api.client.SseClient;
import io.agentstream.api.client.StreamedRun;
import io.agentstream.protocol.RunStatus;
import io.agentstream.protocol.ToolCall;
import io.agentstream.protocol.ToolCallStatus;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The question-answer agent's tools through the whole app on a real port, with the simulated model
 * behind the real langchain4j client: a question with arithmetic or about today gets its tool call
 * streamed ({@code tool.call.*} events) and an answer built on the result; the snapshot keeps the
 * calls; a question that needs no tool gets none.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class QuestionAnswerToolsEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  ApiClient api;
  final SseClient sse = new SseClient();

  @BeforeEach
  void setUp() {
    api = new ApiClient("http://127.0.0.1:" + port);
  }

  private record Followed(StreamedRun view, List<String> types) {}

  private Followed ask(String question) throws Exception {
    ApiClient.Response created =
        api.post(
            "/api/runs",
            JSON.writeValueAsString(
                Map.of("agent", "question-answer", "input", Map.of("question", question))));
    assertThat(created.status()).isEqualTo(202);
    String runId = (String) created.body().get("runId");
    StreamedRun view = new StreamedRun();
    List<String> types = new ArrayList<>();
    sse.read(
        api.uri("/api/runs/" + runId + "/events"),
        null,
        e -> {
          types.add(e.name());
          view.apply(e.event());
          return false;
        });
    assertThat(view.status()).isEqualTo(RunStatus.COMPLETED);
    return new Followed(view, types);
  }

  @Test
  @SuppressWarnings("unchecked")
  void arithmeticIsLeftToTheCalculateToolAndItsCallIsStreamedAndKept() throws Exception {
    Followed run = ask("What is 1,250 * 12 + 99?");

    assertThat(run.types())
        .contains("tool.call.started", "tool.call.arguments", "tool.call.completed");
    assertThat(run.types().indexOf("tool.call.completed"))
        .isLessThan(run.types().indexOf("step.token"));
    ToolCall call = run.view().toolCalls("answer").get(0);
    assertThat(call.name()).isEqualTo("calculate");
    assertThat(call.status()).isEqualTo(ToolCallStatus.COMPLETED);
    assertThat(call.arguments()).isEqualTo("{\"expression\":\"1,250 * 12 + 99\"}");
    assertThat(call.summary()).isEqualTo("1,250 * 12 + 99 = 15099");
    assertThat(run.view().step("answer").text()).startsWith("1,250 * 12 + 99 = 15099.");

    Map<String, Object> result = (Map<String, Object>) run.view().result();
    assertThat((String) result.get("answer")).startsWith("1,250 * 12 + 99 = 15099.");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aQuestionAboutTodayIsAnsweredWithTheWorkersDate() throws Exception {
    LocalDate before = LocalDate.now(ZoneOffset.UTC);
    Followed run = ask("What is today's date?");
    LocalDate after = LocalDate.now(ZoneOffset.UTC);

    ToolCall call = run.view().toolCalls("answer").get(0);
    assertThat(call.name()).isEqualTo("current_date_time");
    Map<String, Object> data = (Map<String, Object>) call.data();
    assertThat(List.of(before.toString(), after.toString())).contains((String) data.get("date"));
    assertThat(run.view().step("answer").text()).contains((String) data.get("date"));
  }

  @Test
  void aQuestionThatNeedsNoToolCallsNone() throws Exception {
    Followed run = ask("How do I get around Oahu without a car?");

    assertThat(run.types()).doesNotContain("tool.call.started");
    assertThat(run.view().toolCalls("answer")).isEmpty();
    assertThat(run.view().step("answer").text()).contains("Oahu");
  }
}
