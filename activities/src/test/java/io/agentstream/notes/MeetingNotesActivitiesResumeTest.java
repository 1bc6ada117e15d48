package io.agentstream.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.llm.simulator.SimulatorFault;
import io.agentstream.llm.simulator.SimulatorStatsSnapshot;
import io.agentstream.protocol.RunEvent;
import io.agentstream.protocol.StepData;
import io.agentstream.protocol.StepRetrying;
import io.agentstream.protocol.StepRewind;
import io.agentstream.protocol.StepToken;
import io.agentstream.protocol.TokenUsage;
import io.agentstream.protocol.ToolCall;
import io.agentstream.protocol.ToolCallArguments;
import io.agentstream.protocol.ToolCallCompleted;
import io.agentstream.protocol.ToolCallStarted;
import io.agentstream.protocol.ToolCallStatus;
import io.agentstream.run.TextResult;
import io.agentstream.step.SimulatedModelFixture;
import io.temporal.client.WorkflowOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The meeting-notes steps against the real Temporal test server and the simulated model over HTTP,
 * through the real langchain4j client: a step whose attempt dies after some tokens resumes from its
 * checkpoint, tells clients with a rewind, and ends exactly as an uninterrupted run does, with no
 * item found twice and no text written twice.
 */
class MeetingNotesActivitiesResumeTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static final String NOTES =
      String.join(
          "\n",
          "Quarterly planning",
          "Attendees: Dana, Sam, Priya, Li",
          "- Dana will send the revised budget to finance by Friday.",
          "- Sam to book the room for the offsite.",
          "- Priya: I'll review the launch checklist before Monday.",
          "- Li follows up with the design agency about the new logo next week.",
          "- We agreed the beta stays invite-only.");

  /** The run's date the step gets from the workflow; the notes above name none. A Thursday. */
  static final String RUN_DATE = "2026-03-12";

  private SimulatedModelFixture fixture;
  private OpenAiSimulator simulator;
  private final CountingDates dates = new CountingDates();

  /**
   * The real resolve_date arithmetic, counting the calls that ran to completion; armed, it fails
   * the next call the way a crash of the worker would.
   */
  static final class CountingDates implements DateTool {
    final List<String> ran = new CopyOnWriteArrayList<>();
    volatile int crashAtCall = -1;
    private final java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public DateResolution resolve(String expression, java.time.LocalDate reference) {
      if (calls.incrementAndGet() == crashAtCall) {
        throw new IllegalStateException("worker lost while resolving " + expression);
      }
      DateResolution resolution = DateTool.CALENDAR.resolve(expression, reference);
      ran.add(expression);
      return resolution;
    }

    void reset(int crashAt) {
      ran.clear();
      calls.set(0);
      crashAtCall = crashAt;
    }
  }

  @BeforeEach
  void setUp() {
    fixture = SimulatedModelFixture.start();
    simulator = fixture.simulator();
    fixture.worker().registerWorkflowImplementationTypes(OneNotesStepWorkflow.Impl.class);
    fixture
        .worker()
        .registerActivitiesImplementations(
            new MeetingNotesActivitiesImpl(fixture.writers(), fixture.model(), dates));
    fixture.startWorker();
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private <T> T run(
      String runId, ActionItemsInput actionItems, FollowUpInput followUp, Class<T> type) {
    OneNotesStepWorkflow workflow =
        fixture
            .client()
            .newWorkflowStub(
                OneNotesStepWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(SimulatedModelFixture.TASK_QUEUE)
                    .setWorkflowId(runId)
                    .build());
    return JSON.convertValue(workflow.run(actionItems, followUp), type);
  }

  /** The usage the simulator reported for {@code tasks} since its stats were last reset. */
  private TokenUsage reported(String... tasks) {
    SimulatorStatsSnapshot stats = simulator.stats().snapshot();
    TokenUsage total = TokenUsage.NONE;
    for (String task : tasks) {
      total = total.plus(new TokenUsage(stats.promptTokens(task), stats.completionTokens(task)));
    }
    return total;
  }

  @Test
  void actionItemsStepKilledMidListResumesAfterItsLastCompleteItemWithoutFindingOneTwice() {
    ActionItemsInput input = new ActionItemsInput("action-items", NOTES, RUN_DATE);
    List<String> tokens = new CopyOnWriteArrayList<>();
    simulator.onTokenEmitted((task, material, index, token, nanoTime) -> tokens.add(token));
    ActionItems reference = run("reference", input, null, ActionItems.class);
    simulator.onTokenEmitted(null);
    assertThat(reference.items()).hasSize(4);
    // Cut the first attempt three tokens into the third line: two items are complete, one is not.
    int secondNewline = indexOfNth(tokens, "\n", 2);
    simulator.faults().inject("action-items", SimulatorFault.cutAfter(secondNewline + 1 + 3), 1);
    simulator.stats().reset();

    List<RunEvent> events = fixture.record("crashing");
    ActionItems result = run("crashing", input, null, ActionItems.class);

    assertThat(result.items()).isEqualTo(reference.items());
    assertThat(result.text()).isEqualTo(reference.text());
    assertThat(result.cutShort()).isFalse();
    // The cut attempt reported no usage; the step's usage is exactly what the model reported.
    assertThat(result.usage()).isEqualTo(reported("action-items", DueDateTools.TASK));
    assertThat(events).anyMatch(e -> e.payload() instanceof StepRetrying && e.attempt() == 1);
    RunEvent rewind = first(events, StepRewind.class);
    StepRewind checkpoint = (StepRewind) rewind.payload();
    assertThat(rewind.attempt()).isEqualTo(2);
    // The checkpoint holds the two completed lines and exactly their items.
    assertThat(checkpoint.items())
        .extracting(i -> JSON.convertValue(i, ActionItem.class))
        .isEqualTo(undated(reference.items().subList(0, 2)));
    assertThat(checkpoint.text()).isEqualTo(linesOf(reference.text(), 2));
    // The retry's first item gets the next index, and no item was streamed twice.
    StepData firstResumedItem =
        events.stream()
            .filter(e -> e.payload() instanceof StepData && e.attempt() == 2)
            .map(e -> (StepData) e.payload())
            .findFirst()
            .orElseThrow();
    assertThat(firstResumedItem.index()).isEqualTo(checkpoint.items().size());
    List<Object> foundItems =
        events.stream()
            .filter(e -> e.payload() instanceof StepData && ((StepData) e.payload()).item() != null)
            .map(e -> JSON.convertValue(((StepData) e.payload()).item(), ActionItem.class))
            .filter(i -> i.dueDate() == null)
            .map(Object.class::cast)
            .toList();
    assertThat(foundItems).doesNotHaveDuplicates().hasSameSizeAs(reference.items());
    assertThat(reassembleItems(events)).isEqualTo(reference.items());
    // The text continues exactly after the checkpoint; the model was asked to continue the list.
    assertThat(firstResumedToken(events).offset()).isEqualTo(checkpoint.text().length());
    assertThat(reassemble(events)).isEqualTo(reference.text());
    assertThat(simulator.stats().snapshot().continuations("action-items")).isEqualTo(1L);
  }

  @Test
  void eachDueDateIsResolvedByAResolveDateCallCountedFromTheRunsDate() {
    ActionItemsInput input = new ActionItemsInput("action-items", NOTES, RUN_DATE);
    List<RunEvent> events = fixture.record("dates");

    ActionItems result = run("dates", input, null, ActionItems.class);

    // Thursday 2026-03-12: "Friday" is the next day, "Monday" the one after, "next week" ends on
    // next week's Friday; Sam's item has no date.
    assertThat(result.items())
        .extracting(ActionItem::owner, ActionItem::due, ActionItem::dueDate)
        .containsExactly(
            tuple("Dana", "Friday", "2026-03-13"),
            tuple("Sam", null, null),
            tuple("Priya", "Monday", "2026-03-16"),
            tuple("Li", "next week", "2026-03-20"));
    assertThat(result.toolCalls())
        .extracting(ToolCall::name, ToolCall::arguments, ToolCall::status)
        .containsExactly(
            tuple(
                "resolve_date", "{\"item\":1,\"expression\":\"Friday\"}", ToolCallStatus.COMPLETED),
            tuple(
                "resolve_date", "{\"item\":3,\"expression\":\"Monday\"}", ToolCallStatus.COMPLETED),
            tuple(
                "resolve_date",
                "{\"item\":4,\"expression\":\"next week\"}",
                ToolCallStatus.COMPLETED));
    assertThat(dates.ran).containsExactly("Friday", "Monday", "next week");
    // The three calls streamed live, their arguments in pieces, and ended with their dates.
    assertThat(payloads(events, ToolCallStarted.class))
        .extracting(ToolCallStarted::index)
        .containsExactly(0, 1, 2);
    assertThat(payloads(events, ToolCallArguments.class)).isNotEmpty();
    assertThat(payloads(events, ToolCallCompleted.class))
        .extracting(ToolCallCompleted::summary)
        .containsExactly(
            "item 1: Friday → Friday 2026-03-13",
            "item 3: Monday → Monday 2026-03-16",
            "item 4: next week → Friday 2026-03-20");
    // What clients hold after the replacements is the result.
    assertThat(reassembleItems(events)).isEqualTo(result.items());
  }

  @Test
  void aResolveDateCallCompletedBeforeACrashIsNotRunAgainAndTheListIsNotAskedForAgain() {
    ActionItemsInput input = new ActionItemsInput("action-items", NOTES, RUN_DATE);
    ActionItems reference = run("reference", input, null, ActionItems.class);
    // The first attempt dies in its second call, after the first one completed.
    dates.reset(2);
    simulator.stats().reset();

    List<RunEvent> events = fixture.record("crashing");
    ActionItems result = run("crashing", input, null, ActionItems.class);

    assertThat(result.items()).isEqualTo(reference.items());
    assertThat(result.text()).isEqualTo(reference.text());
    assertThat(result.toolCalls())
        .extracting(ToolCall::arguments)
        .isEqualTo(reference.toolCalls().stream().map(ToolCall::arguments).toList());
    // Each date was worked out once: "Friday" in the first attempt, the other two in the retry.
    assertThat(dates.ran).containsExactly("Friday", "Monday", "next week");
    assertThat(events).anyMatch(e -> e.payload() instanceof StepRetrying && e.attempt() == 1);
    RunEvent rewindEvent = first(events, StepRewind.class);
    StepRewind rewind = (StepRewind) rewindEvent.payload();
    assertThat(rewindEvent.attempt()).isEqualTo(2);
    // The checkpoint holds the completed call and the item it dated, and the whole list.
    assertThat(rewind.toolCalls())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.arguments()).isEqualTo("{\"item\":1,\"expression\":\"Friday\"}");
              assertThat(c.status()).isEqualTo(ToolCallStatus.COMPLETED);
            });
    assertThat(JSON.convertValue(rewind.items().get(0), ActionItem.class).dueDate())
        .isEqualTo("2026-03-13");
    assertThat(rewind.text()).isEqualTo(reference.text());
    // The retry streamed only the two calls it made, after the checkpointed one, and no text:
    // the list was complete, so the model was not asked to continue it.
    assertThat(events)
        .filteredOn(e -> e.attempt() == 2 && e.payload() instanceof ToolCallStarted)
        .extracting(e -> ((ToolCallStarted) e.payload()).index())
        .containsExactly(1, 2);
    assertThat(events).noneMatch(e -> e.attempt() == 2 && e.payload() instanceof StepToken);
    assertThat(simulator.stats().snapshot().requests("action-items")).isEqualTo(1L);
    assertThat(reassembleItems(events)).isEqualTo(result.items());
  }

  @Test
  void followUpEmailKilledAfterTokensContinuesExactlyFromItsCheckpoint() {
    FollowUpInput input =
        new FollowUpInput(
            "follow-up",
            NOTES,
            List.of(
                new ActionItem("Dana", "send the revised budget to finance", "Friday"),
                new ActionItem("Sam", "book the room for the offsite", null)));
    TextResult reference = run("reference-email", null, input, TextResult.class);
    assertThat(reference.text())
        .contains("- Dana: send the revised budget to finance (due Friday)\n");
    simulator.faults().inject("follow-up", SimulatorFault.cutAfter(25), 1);
    simulator.stats().reset();

    List<RunEvent> events = fixture.record("crashing-email");
    TextResult result = run("crashing-email", null, input, TextResult.class);

    assertThat(result.text()).isEqualTo(reference.text());
    assertThat(result.cutShort()).isFalse();
    assertThat(result.usage()).isEqualTo(reported("follow-up"));
    RunEvent rewind = first(events, StepRewind.class);
    String checkpoint = ((StepRewind) rewind.payload()).text();
    assertThat(rewind.attempt()).isEqualTo(2);
    assertThat(checkpoint).isNotEmpty();
    assertThat(reference.text()).startsWith(checkpoint);
    assertThat(firstResumedToken(events).offset()).isEqualTo(checkpoint.length());
    assertThat(reassemble(events)).isEqualTo(reference.text());
    assertThat(simulator.stats().snapshot().continuations("follow-up")).isEqualTo(1L);
  }

  private static List<ActionItem> undated(List<ActionItem> items) {
    return items.stream().map(i -> i.withDueDate(null)).toList();
  }

  private static int indexOfNth(List<String> tokens, String token, int n) {
    int seen = 0;
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).equals(token) && ++seen == n) {
        return i;
      }
    }
    throw new AssertionError("fewer than " + n + " of " + token + " in " + tokens);
  }

  private static String linesOf(String text, int lines) {
    int end = -1;
    for (int i = 0; i < lines; i++) {
      end = text.indexOf('\n', end + 1);
    }
    return text.substring(0, end + 1);
  }

  private static <T> List<T> payloads(List<RunEvent> events, Class<T> type) {
    return events.stream().map(RunEvent::payload).filter(type::isInstance).map(type::cast).toList();
  }

  private static RunEvent first(List<RunEvent> events, Class<?> type) {
    return events.stream().filter(e -> type.isInstance(e.payload())).findFirst().orElseThrow();
  }

  private static StepToken firstResumedToken(List<RunEvent> events) {
    return events.stream()
        .filter(e -> e.payload() instanceof StepToken && e.attempt() == 2)
        .map(e -> (StepToken) e.payload())
        .findFirst()
        .orElseThrow();
  }

  /** Stricter than the client reducer: every token must start exactly where the text ends. */
  private static String reassemble(List<RunEvent> events) {
    StringBuilder text = new StringBuilder();
    int attempt = 0;
    for (RunEvent e : events) {
      if (e.payload() instanceof StepRewind rewind) {
        attempt = e.attempt();
        text.setLength(0);
        text.append(rewind.text());
      } else if (e.payload() instanceof StepToken token && e.attempt() >= attempt) {
        assertThat(token.offset()).as("no gap, no overlap").isEqualTo(text.length());
        text.append(token.text());
      }
    }
    return text.toString();
  }

  /**
   * Stricter than the client reducer: every item must come at the next index, and be replaced only
   * to add its resolved date.
   */
  private static List<ActionItem> reassembleItems(List<RunEvent> events) {
    List<ActionItem> items = new ArrayList<>();
    int attempt = 0;
    for (RunEvent e : events) {
      if (e.payload() instanceof StepRewind rewind) {
        attempt = e.attempt();
        items.clear();
        rewind.items().forEach(i -> items.add(JSON.convertValue(i, ActionItem.class)));
      } else if (e.payload() instanceof StepData data && e.attempt() >= attempt) {
        ActionItem item = JSON.convertValue(data.item(), ActionItem.class);
        if (data.index() < items.size()) {
          // Replaced only to add its resolved date.
          assertThat(item.withDueDate(null)).isEqualTo(items.get(data.index()).withDueDate(null));
          assertThat(item.dueDate()).isNotNull();
          items.set(data.index(), item);
        } else {
          assertThat(data.index()).as("the next index").isEqualTo(items.size());
          items.add(item);
        }
      }
    }
    return items;
  }
}
