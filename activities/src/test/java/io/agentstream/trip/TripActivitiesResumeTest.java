package io.agentstream.trip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.llm.simulator.SimulatorFault;
import io.agentstream.llm.simulator.SimulatorStatsSnapshot;
import io.agentstream.metrics.AgentstreamMeters;
import io.agentstream.protocol.RunEvent;
import io.agentstream.protocol.StepRetrying;
import io.agentstream.protocol.StepRewind;
import io.agentstream.protocol.StepToken;
import io.agentstream.protocol.TokenUsage;
import io.agentstream.run.TextResult;
import io.agentstream.step.SimulatedModelFixture;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The trip steps against the real Temporal test server and the simulated model over HTTP: a step
 * whose attempt dies after some tokens resumes from its checkpoint, tells clients with a rewind,
 * and ends with text that has no duplicated segment; model errors are retried or not, by kind.
 */
class TripActivitiesResumeTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<Place> PLACES =
      List.of(
          new Place("dukes-waikiki", "Duke's Waikiki", "restaurant", "Oahu", "Waikiki", "d", "r"),
          new Place(
              "diamond-head",
              "Diamond Head State Monument",
              "attraction",
              "Oahu",
              "Honolulu",
              "d",
              "r"));

  private SimulatedModelFixture fixture;
  private OpenAiSimulator simulator;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @BeforeEach
  void setUp() {
    fixture = SimulatedModelFixture.start(meters);
    simulator = fixture.simulator();
    fixture.worker().registerWorkflowImplementationTypes(OneStepWorkflow.Impl.class);
    fixture
        .worker()
        .registerActivitiesImplementations(
            new TripActivitiesImpl(fixture.writers(), fixture.model(), PlaceCatalog.bundled()));
    fixture.startWorker();
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private Object run(String runId, String step, WriteInput write, ResearchInput research) {
    OneStepWorkflow workflow =
        fixture
            .client()
            .newWorkflowStub(
                OneStepWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(SimulatedModelFixture.TASK_QUEUE)
                    .setWorkflowId(runId)
                    .build());
    return workflow.run(step, write, research);
  }

  private static WriteInput planInput() {
    return new WriteInput(
        "plan", "Plan a 3-day trip to Oahu", Map.of("travelers", "2 adults"), PLACES, "");
  }

  @Test
  void writingStepKilledAfterTokensResumesFromItsCheckpointWithoutDuplicatingText() {
    String reference =
        OneStepWorkflow.text(
                JSON.convertValue(run("reference", "plan", planInput(), null), TextResult.class))
            .text();
    simulator.stats().reset();

    simulator.faults().inject("plan", SimulatorFault.cutAfter(25), 1);
    List<RunEvent> events = fixture.record("crashing");
    TextResult result =
        JSON.convertValue(run("crashing", "plan", planInput(), null), TextResult.class);

    assertThat(result.text()).isEqualTo(reference);
    // The cut call reported no usage (the stream broke first); the step's usage is exactly what
    // the model reported for the rest.
    assertThat(result.usage()).isEqualTo(reported("plan")).isNotEqualTo(TokenUsage.NONE);
    RunEvent rewind = first(events, StepRewind.class);
    String checkpoint = ((StepRewind) rewind.payload()).text();
    assertThat(rewind.attempt()).isEqualTo(2);
    assertThat(checkpoint).isNotEmpty();
    assertThat(reference).startsWith(checkpoint);
    assertThat(events).anyMatch(e -> e.payload() instanceof StepRetrying && e.attempt() == 1);
    // The second attempt continues at the checkpoint's end: its first token's offset is the
    // checkpoint length.
    StepToken firstResumedToken =
        events.stream()
            .filter(e -> e.payload() instanceof StepToken && e.attempt() == 2)
            .map(e -> (StepToken) e.payload())
            .findFirst()
            .orElseThrow();
    assertThat(firstResumedToken.offset()).isEqualTo(checkpoint.length());
    // The model was asked to continue from the partial text, not to start over.
    assertThat(simulator.stats().snapshot().continuations("plan")).isEqualTo(1L);
    assertThat(reassemble(events)).isEqualTo(reference);

    // The meters tell the same story: one retry, resumed with the checkpoint's characters saved.
    assertThat(meters.get(AgentstreamMeters.STEPS_RETRIED).counter().count()).isEqualTo(1);
    DistributionSummary resumed = meters.get(AgentstreamMeters.STEPS_RESUMED_CHARS).summary();
    assertThat(resumed.count()).isEqualTo(1);
    assertThat(resumed.totalAmount()).isEqualTo(checkpoint.length());
    assertThat(meters.get(AgentstreamMeters.TOKENS_EMITTED).counter().count()).isPositive();
    assertThat(
            meters
                .get(AgentstreamMeters.MODEL_TOKENS)
                .tags(
                    AgentstreamMeters.TAG_MODEL,
                    "agentstream-simulator",
                    AgentstreamMeters.TAG_TYPE,
                    AgentstreamMeters.TYPE_OUTPUT)
                .counter()
                .count())
        .isPositive();
    assertThat(meters.get(AgentstreamMeters.MODEL_TIME_TO_FIRST_TOKEN).timer().count())
        .isGreaterThanOrEqualTo(3);
  }

  @Test
  void researchStepResumesWithoutRepeatingPlacesAlreadyFound() {
    ResearchInput input =
        new ResearchInput("research-restaurants", "restaurant", "Plan a trip to Oahu", Map.of(), 4);
    // While the second place's rationale streams, arm a cut for the third place's rationale. The
    // simulator calls this listener on the thread streaming that reply, so the cut is armed before
    // the step can ask about the third place. (Stream events are handed to the channel by the
    // writer's own sender thread, so a channel listener would race with the step.)
    AtomicInteger rationales = new AtomicInteger();
    simulator.onTokenEmitted(
        (task, material, index, token, nanoTime) -> {
          if ("rank-place".equals(task) && index == 0 && rationales.incrementAndGet() == 2) {
            simulator.faults().inject("rank-place", SimulatorFault.cutAfter(3), 1);
          }
        });
    List<RunEvent> events = fixture.record("research");
    ResearchResult result =
        JSON.convertValue(run("research", "research", null, input), ResearchResult.class);

    assertThat(result.places()).hasSize(4);
    assertThat(result.places()).extracting(Place::id).doesNotHaveDuplicates();
    assertThat(result.places()).allMatch(p -> p.rationale() != null && !p.rationale().isBlank());
    assertThat(((StepRewind) first(events, StepRewind.class).payload()).items()).hasSize(2);
    // 4 places + 1 retried rationale: the two places in the checkpoint were not asked for again.
    assertThat(simulator.stats().snapshot().requests("rank-place")).isEqualTo(5L);
    // The first attempt's calls were billed: their usage came over in the checkpoint, so the
    // step's usage is all the model reported, both attempts (the cut call reported none).
    assertThat(simulator.stats().snapshot().completedStreams("rank-place")).isEqualTo(4L);
    assertThat(result.usage()).isEqualTo(reportedInAll());
    assertThat(((StepRewind) first(events, StepRewind.class).payload()).items()).hasSize(2);
  }

  @Test
  void aRetriedAttemptAddsItsUsageToWhatTheFailedAttemptUsed() {
    ResearchInput input =
        new ResearchInput("research-restaurants", "restaurant", "Plan a trip to Oahu", Map.of(), 3);
    ResearchResult reference =
        JSON.convertValue(run("usage-reference", "research", null, input), ResearchResult.class);
    TokenUsage once = reportedInAll();
    assertThat(reference.usage()).isEqualTo(once);
    simulator.stats().reset();
    // The third rationale fails with a 500 before any token: the attempt's first calls were made
    // and billed, and the retry makes the third and (research is asked again) the search turn.
    AtomicInteger rationales = new AtomicInteger();
    simulator.onTokenEmitted(
        (task, material, index, token, nanoTime) -> {
          if ("rank-place".equals(task) && index == 0 && rationales.incrementAndGet() == 2) {
            simulator.faults().inject("rank-place", SimulatorFault.SERVER_ERROR, 1);
          }
        });

    ResearchResult retried =
        JSON.convertValue(run("usage-retried", "research", null, input), ResearchResult.class);

    assertThat(retried.places()).isEqualTo(reference.places());
    TokenUsage both = reportedInAll();
    assertThat(retried.usage()).isEqualTo(both);
    // More than one clean run: the retry's search turn was billed again, on top of the first
    // attempt's calls.
    assertThat(both.totalTokens()).isGreaterThan(once.totalTokens());
  }

  @Test
  void aStepThatGivesUpHandsTheWorkflowTheTokensAllItsAttemptsUsed() {
    ResearchInput input =
        new ResearchInput("research-restaurants", "restaurant", "Plan a trip to Oahu", Map.of(), 3);
    // Every attempt's search turn is billed, then its first rationale gets a 500: no attempt
    // gets further, and the last one's failure is the step's.
    simulator.faults().inject("rank-place", SimulatorFault.SERVER_ERROR, 100);

    assertThatThrownBy(() -> run("usage-failed", "research", null, input))
        .isInstanceOf(WorkflowFailedException.class)
        .satisfies(
            e -> {
              ActivityFailure activity = (ActivityFailure) e.getCause();
              ApplicationFailure failure = (ApplicationFailure) activity.getCause();
              TokenUsage carried = failure.getDetails().get(0, TokenUsage.class);
              TokenUsage billed = reportedInAll();
              assertThat(billed.totalTokens()).isPositive();
              assertThat(carried).isEqualTo(billed);
            });
    simulator.faults().clear();
  }

  /** The usage the simulator reported for {@code task} since its stats were last reset. */
  private TokenUsage reported(String task) {
    SimulatorStatsSnapshot stats = simulator.stats().snapshot();
    return new TokenUsage(stats.promptTokens(task), stats.completionTokens(task));
  }

  /** The usage the simulator reported for every task since its stats were last reset. */
  private TokenUsage reportedInAll() {
    SimulatorStatsSnapshot stats = simulator.stats().snapshot();
    return new TokenUsage(stats.totalPromptTokens(), stats.totalCompletionTokens());
  }

  @Test
  void rateLimitsAndServerErrorsAreRetriedByTemporal() {
    simulator.faults().inject("plan", SimulatorFault.RATE_LIMIT, 1);
    simulator.faults().inject("plan", SimulatorFault.SERVER_ERROR, 1);
    List<RunEvent> events = fixture.record("flaky");
    TextResult result =
        JSON.convertValue(run("flaky", "plan", planInput(), null), TextResult.class);

    assertThat(result.text()).contains("Day 1");
    assertThat(events.stream().filter(e -> e.payload() instanceof StepRetrying).count())
        .isEqualTo(2);
  }

  @Test
  void authenticationErrorsAreNotRetried() {
    simulator.faults().inject("plan", SimulatorFault.UNAUTHORIZED, 1);

    assertThatThrownBy(() -> run("unauthorized", "plan", planInput(), null))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class, f -> assertThat(f.isNonRetryable()).isTrue());
    assertThat(simulator.stats().snapshot().requests("plan")).isEqualTo(1L);
  }

  private static RunEvent first(List<RunEvent> events, Class<?> type) {
    return events.stream().filter(e -> type.isInstance(e.payload())).findFirst().orElseThrow();
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
}
