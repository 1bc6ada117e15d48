package io.agentstream.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstream.api.client.ApiClient;
import io.agentstream.api.client.SseClient;
import io.agentstream.api.client.StreamedRun;
import io.agentstream.protocol.RunStatus;
import io.agentstream.protocol.StepStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The meeting-notes agent through the whole app on a real port: found from {@code GET /api/agents},
 * submitted with its own example, followed over SSE with the protocol's reducer. Each action item
 * reaches the client as a {@code step.data} event while the model is still writing the list, and
 * the client's view equals the run's result exactly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MeetingNotesEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Twelve commitments: a list long enough for finish-now to land in the middle of it. */
  private static final String LONG_NOTES =
      String.join(
          "\n",
          "Conference planning",
          "- Dana will send the sponsor deck to the board by Friday.",
          "- Sam to book the venue for the first day.",
          "- Priya will review the speaker contracts before Monday.",
          "- Li to order the badges and lanyards.",
          "- Omar will draft the welcome email by Thursday.",
          "- Jin to schedule the rehearsal with the stage crew.",
          "- Ana will confirm the catering numbers tomorrow.",
          "- Ben to update the website with the final agenda.",
          "- Eva will prepare the volunteer briefing next week.",
          "- Kai to arrange the shuttle from the station.",
          "- Mia will collect the slides from every speaker by March 3.",
          "- Noor to publish the recordings after the event.");

  @LocalServerPort int port;
  ApiClient api;
  final SseClient sse = new SseClient();

  @BeforeEach
  void setUp() {
    api = new ApiClient("http://127.0.0.1:" + port);
  }

  @Test
  @SuppressWarnings("unchecked")
  void eachActionItemStreamsAsDataBeforeTheStepCompletesAndTheClientViewEqualsTheResult()
      throws Exception {
    String example = (String) agent("meeting-notes").get("example");
    String runId = submit(example);

    StreamedRun view = new StreamedRun();
    List<String> events = new ArrayList<>();
    List<String> progress = new ArrayList<>();
    List<Map<String, Object>> toolCalls = new ArrayList<>();
    sse.read(
        api.uri("/api/runs/" + runId + "/events"),
        null,
        e -> {
          view.apply(e.event());
          events.add(e.name() + (e.data().get("step") == null ? "" : ":" + e.data().get("step")));
          if (e.name().equals("step.progress")) {
            progress.add((String) e.data().get("message"));
          }
          if (e.name().startsWith("tool.call.")) {
            toolCalls.add(e.data());
          }
          return false;
        });

    assertThat(view.status()).isEqualTo(RunStatus.COMPLETED);
    Map<String, Object> result = (Map<String, Object>) view.result();
    List<Map<String, Object>> items = (List<Map<String, Object>>) result.get("actionItems");
    assertThat(items).extracting(i -> i.get("owner")).containsExactly("Dana", "Sam", "Priya", "Li");
    assertThat(items.get(0))
        .containsEntry("task", "send the revised budget to finance")
        .containsEntry("due", "Friday");
    // Each due date resolved by a resolve_date call, counted from the meeting's date in the
    // notes' title, Thursday 12 March 2026.
    assertThat(items)
        .extracting(i -> i.get("due") + " " + i.get("dueDate"))
        .containsExactly(
            "Friday 2026-03-13", "null null", "Monday 2026-03-16", "next week 2026-03-20");
    assertThat(events.stream().filter("tool.call.started:action-items"::equals)).hasSize(3);
    assertThat(events.stream().filter("tool.call.completed:action-items"::equals)).hasSize(3);
    assertThat(events).contains("tool.call.arguments:action-items");
    assertThat(toolCalls)
        .filteredOn(c -> c.containsKey("name"))
        .extracting(c -> c.get("name"))
        .containsExactly("resolve_date", "resolve_date", "resolve_date");
    assertThat(toolCalls)
        .filteredOn(c -> c.containsKey("summary"))
        .extracting(c -> c.get("summary"))
        .containsExactly(
            "item 1: Friday → Friday 2026-03-13",
            "item 3: Monday → Monday 2026-03-16",
            "item 4: next week → Friday 2026-03-20");
    // The calls came after the list and before the step completed.
    int firstCall = events.indexOf("tool.call.started:action-items");
    assertThat(firstCall)
        .isGreaterThan(events.lastIndexOf("step.token:action-items"))
        .isLessThan(events.indexOf("step.completed:action-items"));
    // Each item arrived as step.data while the list was still streaming, before step.completed.
    int firstItem = events.indexOf("step.data:action-items");
    int completed = events.indexOf("step.completed:action-items");
    assertThat(firstItem).isPositive().isLessThan(completed);
    assertThat(events.subList(firstItem, completed)).contains("step.token:action-items");
    // One step.data per item found, and one more per item whose date was resolved (a replace).
    assertThat(events.stream().filter("step.data:action-items"::equals)).hasSize(items.size() + 3);
    assertThat(progress).contains("Found 1 action item", "Found 4 action items");
    // What the client built from the deltas alone equals the result, and step.completed agrees.
    StreamedRun.Step actionItems = view.step("action-items");
    assertThat(actionItems.status()).isEqualTo(StepStatus.COMPLETED);
    assertThat(actionItems.streamedItems()).isEqualTo(items);
    assertThat(actionItems.items()).isEqualTo(items);
    assertThat(actionItems.text())
        .isEqualTo(actionItems.streamedText())
        .startsWith("- Dana: send the revised budget");
    StreamedRun.Step followUp = view.step("follow-up");
    assertThat(followUp.streamedText()).isEqualTo(result.get("email"));
    assertThat(followUp.text())
        .isEqualTo(result.get("email"))
        .contains(
            "- Dana: send the revised budget to finance (due Friday, 2026-03-13)\n",
            "- Sam: book the room for the team offsite\n");
    assertThat((List<String>) result.get("cutShortSteps")).isEmpty();

    Map<String, Object> snapshot = api.get("/api/runs/" + runId).body();
    assertThat(snapshot)
        .containsEntry("status", "COMPLETED")
        .containsEntry("agent", "meeting-notes");
    assertThat((Map<String, Object>) snapshot.get("result")).isEqualTo(result);
    // The step's final state keeps its calls.
    List<Map<String, Object>> steps = (List<Map<String, Object>>) snapshot.get("steps");
    assertThat(steps)
        .filteredOn(st -> "action-items".equals(st.get("id")))
        .singleElement()
        .satisfies(
            st ->
                assertThat((List<Map<String, Object>>) st.get("toolCalls"))
                    .extracting(c -> c.get("name") + " " + c.get("status"))
                    .containsOnly("resolve_date COMPLETED")
                    .hasSize(3));
  }

  @Test
  @SuppressWarnings("unchecked")
  void finishNowDuringTheActionItemsKeepsTheItemsFoundSoFarAndStillDraftsTheEmail()
      throws Exception {
    String runId = submit(LONG_NOTES);
    StreamedRun view = new StreamedRun();
    AtomicBoolean requested = new AtomicBoolean();
    sse.read(
        api.uri("/api/runs/" + runId + "/events"),
        null,
        e -> {
          view.apply(e.event());
          if (e.name().equals("step.data") && !requested.getAndSet(true)) {
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
    assertThat((List<String>) result.get("cutShortSteps")).containsExactly("action-items");
    List<Map<String, Object>> items = (List<Map<String, Object>>) result.get("actionItems");
    assertThat(items).isNotEmpty().hasSizeLessThan(12);
    assertThat(view.step("action-items").status()).isEqualTo(StepStatus.CUT_SHORT);
    assertThat(view.step("action-items").streamedItems()).isEqualTo(items);
    // The email was written in full, from exactly the items found before finish-now.
    assertThat(view.step("follow-up").status()).isEqualTo(StepStatus.COMPLETED);
    String email = (String) result.get("email");
    assertThat(view.step("follow-up").streamedText()).isEqualTo(email);
    assertThat(items)
        .allSatisfy(i -> assertThat(email).contains("- " + i.get("owner") + ": " + i.get("task")));
    assertThat(email).doesNotContain("Noor");
  }

  @Test
  @SuppressWarnings("unchecked")
  void agentsListingNamesEveryAgentsInputLabelAndExample() throws Exception {
    Map<String, Object> notes = agent("meeting-notes");
    assertThat(notes)
        .containsEntry("inputField", "notes")
        .containsEntry("inputLabel", "Meeting notes")
        .containsEntry(
            "description",
            "Finds the action items in meeting notes (owner, task, due date) and drafts the follow-up email.");
    assertThat((String) notes.get("example")).contains("Dana will send the revised budget");
    assertThat(agents())
        .extracting(a -> a.get("name"))
        .contains("trip-planner", "question-answer", "meeting-notes");
    assertThat(agents())
        .allSatisfy(
            a -> {
              assertThat((String) a.get("inputLabel")).isNotBlank();
              assertThat((String) a.get("example")).isNotBlank();
            });
  }

  @Test
  void meetingNotesRunShowsInTheRecentRuns() throws Exception {
    String runId = submit("Sync with Dana. Dana will send the minutes by Friday.");
    sse.read(api.uri("/api/runs/" + runId + "/events"), null, e -> false);

    // run.completed is published a moment before the execution closes and its status search
    // attribute is written, so the list catches up shortly after the stream ends.
    List<Map<String, Object>> recent = recentRuns();
    for (int i = 0; i < 100 && !completedIn(recent, runId); i++) {
      Thread.sleep(100);
      recent = recentRuns();
    }

    assertThat(recent)
        .filteredOn(r -> runId.equals(r.get("runId")))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r)
                  .containsEntry("agent", "meeting-notes")
                  .containsEntry("status", "COMPLETED");
            });
  }

  private List<Map<String, Object>> recentRuns() throws Exception {
    return JSON.readValue(api.raw("/api/runs?limit=200"), new TypeReference<>() {});
  }

  private static boolean completedIn(List<Map<String, Object>> recent, String runId) {
    return recent.stream()
        .anyMatch(r -> runId.equals(r.get("runId")) && "COMPLETED".equals(r.get("status")));
  }

  private String submit(String notes) throws Exception {
    ApiClient.Response created =
        api.post(
            "/api/runs",
            JSON.writeValueAsString(
                Map.of("agent", "meeting-notes", "input", Map.of("notes", notes))));
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
