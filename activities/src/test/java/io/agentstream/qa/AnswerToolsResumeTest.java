package io.agentstream.qa;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.llm.simulator.SimulatedReasoning;
import io.agentstream.llm.simulator.SimulatorFault;
import io.agentstream.protocol.RunEvent;
import io.agentstream.protocol.StepRewind;
import io.agentstream.protocol.StepToken;
import io.agentstream.protocol.ToolCallArguments;
import io.agentstream.protocol.ToolCallCompleted;
import io.agentstream.protocol.ToolCallStarted;
import io.agentstream.protocol.ToolCallStatus;
import io.agentstream.run.TextResult;
import io.agentstream.step.SimulatedModelFixture;
import io.temporal.client.WorkflowOptions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The question-answer step's tools against the real Temporal test server and the simulated model
 * through langchain4j: the model calls them when the question needs them (streamed, arguments in
 * pieces), answers with their results, and a retry after a crash in the answer neither runs a
 * completed tool again nor repeats text.
 */
class AnswerToolsResumeTest {

  private static final Instant NOW = Instant.parse("2026-12-02T09:30:00Z");

  private SimulatedModelFixture fixture;
  private OpenAiSimulator simulator;
  private final AtomicInteger clockReads = new AtomicInteger();
  private Runnable onClockRead = () -> {};

  /** A fixed clock that counts its reads: each is one run of the current_date_time tool. */
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          clockReads.incrementAndGet();
          onClockRead.run();
          return NOW;
        }
      };

  @BeforeEach
  void setUp() {
    fixture = SimulatedModelFixture.start();
    simulator = fixture.simulator();
    fixture.worker().registerWorkflowImplementationTypes(OneAnswerWorkflow.Impl.class);
    fixture
        .worker()
        .registerActivitiesImplementations(
            new AnswerActivitiesImpl(fixture.writers(), fixture.model(), clock));
    fixture.startWorker();
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private TextResult answer(String runId, String question) {
    return fixture
        .client()
        .newWorkflowStub(
            OneAnswerWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(SimulatedModelFixture.TASK_QUEUE)
                .setWorkflowId(runId)
                .build())
        .answer(question);
  }

  @Test
  void arithmeticIsCalculatedByTheToolAndTheCallIsStreamedWithItsArgumentsInPieces() {
    List<RunEvent> events = fixture.record("sum");

    TextResult result = answer("sum", "What is (17.5 * 4 + 3) / 2, and is that more than 30?");

    assertThat(result.text()).startsWith("(17.5 * 4 + 3) / 2 = 36.5.");
    assertThat(result.toolCalls())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.name()).isEqualTo(AnswerTools.CALCULATE);
              assertThat(c.status()).isEqualTo(ToolCallStatus.COMPLETED);
              assertThat(c.summary()).isEqualTo("(17.5 * 4 + 3) / 2 = 36.5");
            });
    assertThat(events).anyMatch(e -> e.payload() instanceof ToolCallStarted);
    assertThat(events).anyMatch(e -> e.payload() instanceof ToolCallArguments);
    assertThat(events)
        .filteredOn(e -> e.payload() instanceof ToolCallCompleted)
        .singleElement()
        .satisfies(
            e ->
                assertThat(((ToolCallCompleted) e.payload()).data())
                    .hasToString("{expression=(17.5 * 4 + 3) / 2, result=36.5}"));
    // The tool call comes before the answer's first token.
    assertThat(
            events.indexOf(
                events.stream()
                    .filter(e -> e.payload() instanceof ToolCallCompleted)
                    .findFirst()
                    .orElseThrow()))
        .isLessThan(
            events.indexOf(
                events.stream()
                    .filter(e -> e.payload() instanceof StepToken)
                    .findFirst()
                    .orElseThrow()));
  }

  @Test
  void aQuestionThatNeedsNoToolIsAnsweredInOneModelCall() {
    List<RunEvent> events = fixture.record("plain");

    TextResult result = answer("plain", "How do I get around Oahu without a car?");

    assertThat(result.text()).contains("Oahu");
    assertThat(result.toolCalls()).isEmpty();
    assertThat(events).noneMatch(e -> e.payload() instanceof ToolCallStarted);
    assertThat(simulator.stats().snapshot().requests("answer")).isEqualTo(1L);
    assertThat(clockReads).hasValue(0);
  }

  @Test
  void aCrashInTheAnswerAfterAToolCallResumesWithoutCallingTheToolAgainOrRepeatingText() {
    String reference = answer("reference", "What day of the week is it today?").text();
    assertThat(reference).startsWith("It is Wednesday, 2026-12-02, 09:30 UTC.");
    clockReads.set(0);
    simulator.stats().reset();
    // The tool's run arms the cut: the answer that follows breaks after a few tokens.
    onClockRead = () -> simulator.faults().inject("answer", SimulatorFault.cutAfter(6), 1);
    List<RunEvent> events = fixture.record("crashing");

    TextResult result = answer("crashing", "What day of the week is it today?");

    assertThat(result.text()).isEqualTo(reference);
    assertThat(clockReads).as("current_date_time runs").hasValue(1);
    assertThat(result.toolCalls())
        .singleElement()
        .satisfies(c -> assertThat(c.status()).isEqualTo(ToolCallStatus.COMPLETED));
    StepRewind rewind =
        events.stream()
            .filter(e -> e.payload() instanceof StepRewind)
            .map(e -> (StepRewind) e.payload())
            .findFirst()
            .orElseThrow();
    assertThat(rewind.text()).isNotEmpty();
    assertThat(reference).startsWith(rewind.text());
    assertThat(rewind.toolCalls())
        .singleElement()
        .satisfies(c -> assertThat(c.name()).isEqualTo(AnswerTools.CURRENT_DATE_TIME));
    // The retry streams no tool call: the checkpoint had it.
    assertThat(events)
        .filteredOn(e -> e.attempt() == 2)
        .noneMatch(e -> e.payload() instanceof ToolCallStarted);
    assertThat(simulator.stats().snapshot().continuations("answer")).isEqualTo(1L);
    assertThat(reassemble(events)).isEqualTo(reference);
  }

  @Test
  void onAServerInThinkingModeTheToolCallsGoBackWithTheReasoningThatLedToThem() {
    simulator.reason(SimulatedReasoning.IN_REASONING_FIELD);
    simulator.requireReasoningBack(true);

    TextResult result = answer("thinking", "What is (17.5 * 4 + 3) / 2, and is that more than 30?");

    assertThat(result.text()).startsWith("(17.5 * 4 + 3) / 2 = 36.5.");
    assertThat(result.toolCalls()).singleElement();
  }

  @Test
  void aRetryOnAServerInThinkingModeSendsTheCheckpointedCallsBackWithTheirReasoning() {
    simulator.reason(SimulatedReasoning.IN_REASONING_FIELD);
    simulator.requireReasoningBack(true);
    String reference = answer("reference", "What day of the week is it today?").text();
    clockReads.set(0);
    onClockRead = () -> simulator.faults().inject("answer", SimulatorFault.cutAfter(6), 1);
    List<RunEvent> events = fixture.record("crashing");

    TextResult result = answer("crashing", "What day of the week is it today?");

    assertThat(events).anyMatch(e -> e.payload() instanceof StepRewind && e.attempt() == 2);
    assertThat(result.text()).isEqualTo(reference);
    assertThat(clockReads).as("current_date_time runs").hasValue(1);
  }

  /** Every token must start exactly where the text ends, from the last rewind on. */
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
}
