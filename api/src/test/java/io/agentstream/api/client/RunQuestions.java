package io.agentstream.api.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstream.protocol.Question;
import io.agentstream.protocol.QuestionsAsked;
import io.agentstream.protocol.RunEvent;
import io.agentstream.protocol.Snapshot;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A run's clarifying questions as a client sees them, and the answer a test gives to all. */
public final class RunQuestions {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RunQuestions() {}

  /** The ids of the questions {@code event} asks (a {@code QuestionsAsked}, or a snapshot's). */
  public static List<String> askedIn(RunEvent event) {
    if (event.payload() instanceof QuestionsAsked asked) {
      return asked.questions().stream().map(Question::id).toList();
    }
    if (event.payload() instanceof Snapshot s) {
      return s.snapshot().questions().stream().map(Question::id).toList();
    }
    return List.of();
  }

  /**
   * Follows the run's stream to its end, answering every question it asks "No preference": the run
   * as a client that saw all of it.
   */
  public static StreamedRun followAnsweringNoPreference(ApiClient api, SseClient sse, String runId)
      throws IOException, InterruptedException {
    StreamedRun view = new StreamedRun();
    sse.read(
        api.uri("/api/runs/" + runId + "/events"),
        null,
        e -> {
          view.apply(e.event());
          List<String> asked = askedIn(e.event());
          if (!asked.isEmpty()) {
            answerNoPreference(api, runId, asked);
          }
          return false;
        });
    return view;
  }

  /** Answers every question "No preference", and checks the run took the answers. */
  public static void answerNoPreference(ApiClient api, String runId, List<String> questionIds) {
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
