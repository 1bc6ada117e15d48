package io.agentstream.api.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstream.api.client.ApiClient;
import io.agentstream.api.client.Citations;
import io.agentstream.api.client.RunQuestions;
import io.agentstream.api.client.SseClient;
import io.agentstream.api.client.StreamedRun;
import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.llm.simulator.SimulatorSettings;
import io.agentstream.protocol.RunStatus;
import io.agentstream.protocol.ToolCall;
import io.agentstream.research.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a right answer is for each agent, checked the way it can be with any model: the trip
 * planner's places are in the destination asked for, the arithmetic is right, "by Friday" is the
 * Friday after the meeting, and every citation of a report is a source this run streamed.
 *
 * <p>With {@code OPENAI_API_KEY} set (and {@code OPENAI_BASE_URL}, {@code OPENAI_MODEL} as for the
 * app), the agents run on that model: this is the acceptance run for a model a team means to use
 * (README, "Check a model"). Without it, the simulator is started as an outside OpenAI-compatible
 * server and the app reaches it the way it reaches a real one, through a key and a base URL, which
 * is how CI runs this class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RealModelAcceptanceIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static OpenAiSimulator outside;

  @DynamicPropertySource
  static void model(DynamicPropertyRegistry registry) throws Exception {
    Path index = Files.createTempDirectory("acceptance-index");
    registry.add("agentstream.research.index-dir", index::toString);
    // A real model takes its time: more attempts would only hide a model that cannot do a step.
    registry.add("agentstream.steps.heartbeat-timeout", () -> "30s");
    String key = System.getenv("OPENAI_API_KEY");
    if (key == null || key.isBlank()) {
      outside = OpenAiSimulator.start(new SimulatorSettings(0, 0));
      registry.add("agentstream.model.api-key", () -> "outside-simulator");
      registry.add("agentstream.model.base-url", outside::baseUrl);
      registry.add("agentstream.model.name", () -> "agentstream-simulator");
    }
  }

  @AfterAll
  static void stopOutsideModel() {
    if (outside != null) {
      outside.close();
    }
  }

  @LocalServerPort int port;
  ApiClient api;
  final SseClient sse = new SseClient();

  @BeforeEach
  void setUp() {
    api = new ApiClient("http://127.0.0.1:" + port);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "'Plan a 4-day trip to Rome for 2 adults', Rome",
    "'Plan a 3-day trip to Kyoto, we love temples and ramen', Kyoto",
    "'Plan a 5-day trip to Maui for a family', Hawaii"
  })
  @SuppressWarnings("unchecked")
  void theTripPlannersPlacesAreInTheDestinationAskedFor(String request, String destination)
      throws Exception {
    StreamedRun run = follow("trip-planner", Map.of("request", request));

    for (String step : List.of("research-attractions", "research-restaurants")) {
      assertThat(run.step(step).items())
          .as(step)
          .isNotEmpty()
          .allSatisfy(
              place -> {
                Map<String, Object> p = (Map<String, Object>) place;
                assertThat(((String) p.get("destination")).toLowerCase(Locale.ROOT))
                    .as("%s is in %s", p.get("name"), destination)
                    .contains(destination.toLowerCase(Locale.ROOT));
              });
      assertThat(run.toolCalls(step)).extracting(ToolCall::name).contains("search_places");
    }
    assertThat(run.step("plan").text()).isNotBlank();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theArithmeticIsRight() throws Exception {
    StreamedRun run = follow("question-answer", Map.of("question", "What is 1,250 * 12 + 99?"));

    String answer = (String) ((Map<String, Object>) run.result()).get("answer");
    assertThat(answer.replace(",", "")).contains("15099");
  }

  @Test
  @SuppressWarnings("unchecked")
  void dueDatesAreCountedFromTheMeetingsDate() throws Exception {
    // 12 March 2026 is a Thursday: "by Friday" and "tomorrow" are both the 13th.
    StreamedRun run =
        follow(
            "meeting-notes",
            Map.of(
                "notes",
                "Sync, 12 March 2026\nAna will ship the beta by Friday."
                    + " Ben will fix the login bug tomorrow."));

    List<Map<String, Object>> items =
        (List<Map<String, Object>>) ((Map<String, Object>) run.result()).get("actionItems");
    assertThat(items).extracting(i -> i.get("owner")).containsExactlyInAnyOrder("Ana", "Ben");
    assertThat(items).allSatisfy(i -> assertThat(i.get("dueDate")).isEqualTo("2026-03-13"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyCitationOfTheReportIsASourceThisRunStreamed() throws Exception {
    List<String> documents = Corpus.bundled().documentIds();
    Set<String> streamed = new HashSet<>();
    StreamedRun run =
        follow(
            "deep-research",
            Map.of("question", "How does agentstream resume a step after a crash?"),
            (step, item) -> {
              if (step.startsWith("research-")) {
                Map<String, Object> source = (Map<String, Object>) item;
                streamed.add(source.get("documentId") + "#" + source.get("section"));
              }
            });

    Map<String, Object> result = (Map<String, Object>) run.result();
    String report = (String) result.get("report");
    List<Map<String, Object>> sources = (List<Map<String, Object>>) result.get("sources");
    List<Integer> cited = Citations.in(report);
    assertThat(cited).as("the report cites its sources").isNotEmpty();
    for (int n : cited) {
      Map<String, Object> source = Citations.source(sources, n);
      assertThat(documents).contains((String) source.get("documentId"));
      assertThat(streamed).contains(source.get("documentId") + "#" + source.get("section"));
    }
  }

  private StreamedRun follow(String agent, Map<String, Object> input) throws Exception {
    return follow(agent, input, (step, item) -> {});
  }

  private interface DataSeen {
    void seen(String step, Object item);
  }

  /** Starts a run, answers its questions with "No preference", and follows it to its end. */
  private StreamedRun follow(String agent, Map<String, Object> input, DataSeen data)
      throws Exception {
    ApiClient.Response created =
        api.post("/api/runs", JSON.writeValueAsString(Map.of("agent", agent, "input", input)));
    assertThat(created.status()).isEqualTo(202);
    String runId = (String) created.body().get("runId");
    StreamedRun view = new StreamedRun();
    Set<String> answered = new HashSet<>();
    sse.read(
        api.uri("/api/runs/" + runId + "/events"),
        null,
        e -> {
          view.apply(e.event());
          if (e.name().equals("step.data") && e.data().get("step") != null) {
            data.seen((String) e.data().get("step"), e.data().get("item"));
          }
          List<String> asked = RunQuestions.askedIn(e.event());
          if (!asked.isEmpty() && answered.add(runId)) {
            RunQuestions.answerNoPreference(api, runId, asked);
          }
          return false;
        });
    assertThat(view.status()).as("%s run %s", agent, runId).isEqualTo(RunStatus.COMPLETED);
    return view;
  }
}
