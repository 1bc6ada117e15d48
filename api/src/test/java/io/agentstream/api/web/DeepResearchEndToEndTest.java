package io.agentstream.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstream.api.client.ApiClient;
import io.agentstream.api.client.Citations;
import io.agentstream.api.client.SseClient;
import io.agentstream.api.client.StreamedRun;
import io.agentstream.protocol.RunStatus;
import io.agentstream.protocol.StepStatus;
import io.agentstream.research.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The deep-research agent through the whole app on a real port, with the simulated model and the
 * bundled collection embedded for real (into a fresh index folder): found from {@code GET
 * /api/agents}, submitted with its own example, its questions answered, followed over SSE. Every
 * citation {@code [n]} of the report refers to a numbered source of the report step whose document
 * and section a research step of this same run streamed, from a document of the collection.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DeepResearchEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @DynamicPropertySource
  static void freshIndex(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("research-index");
    registry.add("agentstream.research.index-dir", dir::toString);
  }

  @LocalServerPort int port;
  ApiClient api;
  final SseClient sse = new SseClient();

  @BeforeEach
  void setUp() {
    api = new ApiClient("http://127.0.0.1:" + port);
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyCitationOfTheReportRefersToASourceStreamedInTheRunFromTheCollection() throws Exception {
    Map<String, Object> agent = agent("deep-research");
    assertThat(agent).containsEntry("inputField", "question");
    String question = (String) agent.get("example");
    String runId = submit(question);

    StreamedRun view = new StreamedRun();
    List<Map<String, Object>> researchSources = new CopyOnWriteArrayList<>();
    List<Map<String, Object>> indexed = new CopyOnWriteArrayList<>();
    List<String> toolEvents = new CopyOnWriteArrayList<>();
    List<String> readsStarted = new CopyOnWriteArrayList<>();
    sse.read(
        api.uri("/api/runs/" + runId + "/events"),
        null,
        e -> {
          view.apply(e.event());
          if (StreamedRun.asksQuestions(e.event())) {
            answer(runId, questionsOf(e.data()));
          }
          String step = (String) e.data().get("step");
          if (e.name().equals("step.data") && step != null) {
            Object item = e.data().get("item");
            if (step.startsWith("research-")) {
              researchSources.add((Map<String, Object>) item);
            } else if (step.equals("index")) {
              indexed.add((Map<String, Object>) item);
            }
          }
          if (e.name().startsWith("tool.call.") && step != null) {
            String name = (String) e.data().get("name");
            toolEvents.add(e.name() + (name == null ? "" : ":" + name));
            if ("read".equals(name)) {
              readsStarted.add((String) e.data().get("arguments"));
            }
          }
          return false;
        });

    assertThat(view.status()).isEqualTo(RunStatus.COMPLETED);
    Map<String, Object> result = (Map<String, Object>) view.result();
    List<String> documents = Corpus.bundled().documentIds();
    // Indexing streamed done/total for every document of the collection.
    assertThat(indexed).hasSameSizeAs(documents);
    assertThat(indexed).allSatisfy(d -> assertThat(d.get("total")).isEqualTo(documents.size()));
    assertThat(indexed.get(indexed.size() - 1)).containsEntry("done", documents.size());
    // The research steps called search and read, arguments streamed in pieces.
    assertThat(toolEvents)
        .contains(
            "tool.call.started:search",
            "tool.call.started:read",
            "tool.call.arguments",
            "tool.call.completed");
    // A later turn's calls stream as they are written too: a read starts before its arguments end.
    assertThat(readsStarted).isNotEmpty().anyMatch(arguments -> !arguments.endsWith("}"));
    assertThat((List<String>) result.get("subQuestions")).hasSize(3);
    assertThat(researchSources).isNotEmpty();
    Set<String> streamed = new HashSet<>();
    for (Map<String, Object> s : researchSources) {
      assertThat(documents).contains((String) s.get("documentId"));
      assertThat(((Number) s.get("score")).doubleValue()).isBetween(0.0, 1.0);
      streamed.add(s.get("documentId") + "#" + s.get("section"));
    }

    String report = (String) result.get("report");
    StreamedRun.Step reportStep = view.step("report");
    assertThat(reportStep.status()).isEqualTo(StepStatus.COMPLETED);
    assertThat(reportStep.streamedText()).isEqualTo(report);
    List<Map<String, Object>> references = new ArrayList<>();
    reportStep.streamedItems().forEach(i -> references.add((Map<String, Object>) i));
    assertThat(references).isEqualTo(result.get("sources"));
    List<Integer> cited = Citations.in(report);
    assertThat(cited).isNotEmpty();
    for (int n : cited) {
      Map<String, Object> reference = Citations.source(references, n);
      assertThat(streamed)
          .as("[%d] was streamed by a research step", n)
          .contains(reference.get("documentId") + "#" + reference.get("section"));
      assertThat(documents).contains((String) reference.get("documentId"));
    }
    assertThat((String) result.get("summary")).isNotBlank();
    // For a reader: the report and its references, as this run wrote them.
    StringBuilder written = new StringBuilder(report).append("\n\nReferences:\n");
    references.forEach(
        r ->
            written
                .append('[')
                .append(r.get("n"))
                .append("] ")
                .append(r.get("documentId"))
                .append(", ")
                .append(r.get("section"))
                .append('\n'));
    Files.writeString(Path.of("target", "deep-research-report.txt"), written);
    assertThat((List<String>) result.get("cutShortSteps")).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void finishNowDuringResearchWritesTheReportFromTheSourcesFoundSoFar() throws Exception {
    String runId = submit("What does the live run page show while a run streams?");
    StreamedRun view = new StreamedRun();
    Set<String> streamed = ConcurrentHashMap.newKeySet();
    AtomicBoolean requested = new AtomicBoolean();
    sse.read(
        api.uri("/api/runs/" + runId + "/events"),
        null,
        e -> {
          view.apply(e.event());
          if (StreamedRun.asksQuestions(e.event())) {
            answer(runId, questionsOf(e.data()));
          }
          String step = (String) e.data().get("step");
          if (e.name().equals("step.data") && step != null && step.startsWith("research-")) {
            Map<String, Object> item = (Map<String, Object>) e.data().get("item");
            streamed.add(item.get("documentId") + "#" + item.get("section"));
          }
          // At the first search, while the research steps have a model turn or two to go.
          if (e.name().equals("tool.call.started") && !requested.getAndSet(true)) {
            try {
              assertThat(api.post("/api/runs/" + runId + "/finish-now", null).status())
                  .isEqualTo(202);
            } catch (Exception failed) {
              throw new IllegalStateException(failed);
            }
          }
          return false;
        });

    assertThat(view.status()).isEqualTo(RunStatus.COMPLETED);
    Map<String, Object> result = (Map<String, Object>) view.result();
    assertThat((List<String>) result.get("cutShortSteps"))
        .isNotEmpty()
        .allMatch(s -> s.startsWith("research-"));
    // The report and the summary were still written, from exactly the sources streamed.
    assertThat(view.step("report").status()).isEqualTo(StepStatus.COMPLETED);
    assertThat(view.step("summarize").status()).isEqualTo(StepStatus.COMPLETED);
    List<Map<String, Object>> references = (List<Map<String, Object>>) result.get("sources");
    assertThat(references)
        .extracting(r -> r.get("documentId") + "#" + r.get("section"))
        .containsExactlyInAnyOrderElementsOf(streamed);
    for (int n : Citations.in((String) result.get("report"))) {
      assertThat(n).isBetween(1, references.size());
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> questionsOf(Map<String, Object> event) {
    Map<String, Object> source =
        event.containsKey("snapshot") ? (Map<String, Object>) event.get("snapshot") : event;
    return (List<Map<String, Object>>) source.get("questions");
  }

  private void answer(String runId, List<Map<String, Object>> questions) {
    try {
      Map<String, String> answers = new java.util.LinkedHashMap<>();
      questions.forEach(q -> answers.put((String) q.get("id"), "Operators running it"));
      ApiClient.Response response =
          api.post(
              "/api/runs/" + runId + "/answers",
              JSON.writeValueAsString(Map.of("answers", answers)));
      assertThat(response.status()).isEqualTo(200);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String submit(String question) throws Exception {
    ApiClient.Response created =
        api.post(
            "/api/runs",
            JSON.writeValueAsString(
                Map.of("agent", "deep-research", "input", Map.of("question", question))));
    assertThat(created.status()).isEqualTo(202);
    return (String) created.body().get("runId");
  }

  private List<Map<String, Object>> agents() throws Exception {
    return JSON.readValue(api.raw("/api/agents"), new TypeReference<>() {});
  }

  private Map<String, Object> agent(String name) throws Exception {
    return agents().stream().filter(a -> name.equals(a.get("name"))).findFirst().orElseThrow();
  }
}
