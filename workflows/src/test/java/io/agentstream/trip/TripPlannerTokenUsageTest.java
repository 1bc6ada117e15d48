package io.agentstream.trip;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.protocol.EventDraft;
import io.agentstream.protocol.RunCompleted;
import io.agentstream.protocol.RunSnapshot;
import io.agentstream.protocol.StepCompleted;
import io.agentstream.protocol.StepStatus;
import io.agentstream.protocol.StopReason;
import io.agentstream.protocol.TokenUsage;
import io.agentstream.run.AgentWorkflow;
import io.agentstream.run.Answers;
import io.agentstream.run.RecordingRunEvents;
import io.agentstream.run.RunState;
import io.agentstream.run.RunTestWorkflows;
import io.agentstream.run.StepState;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Token usage in the workflow: each step's usage comes from its activity's result, the run adds
 * them up, and a run with a token budget stops once its finished steps have used it.
 */
class TripPlannerTokenUsageTest {

  private static final TokenUsage CLARIFY = new TokenUsage(100, 20);
  private static final TokenUsage RESTAURANTS = new TokenUsage(40, 10);
  private static final TokenUsage ATTRACTIONS = new TokenUsage(30, 5);
  private static final TokenUsage PLAN = new TokenUsage(200, 300);
  private static final TokenUsage SUMMARY = new TokenUsage(250, 50);

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      RunTestWorkflows.newExtensionBuilder().setDoNotStart(true).build();

  private final RecordingRunEvents events = new RecordingRunEvents();

  /**
   * Every step reports usage; restaurants are found at once, attractions until the step is
   * cancelled (then it hands back what it found, with its usage, as the real step does).
   */
  static class MeteredTripActivities extends FakeTripActivities {
    MeteredTripActivities() {
      super(Duration.ZERO, true);
    }

    @Override
    public ClarifyResult clarify(ClarifyInput input) {
      return new ClarifyResult(QUESTIONS, false, CLARIFY);
    }

    @Override
    public ResearchResult research(ResearchInput input) {
      if (input.category().equals("restaurant")) {
        return new ResearchResult(List.of(), "none found", false, List.of(), RESTAURANTS);
      }
      ResearchResult found = super.research(input);
      return new ResearchResult(
          found.places(), found.text(), found.cutShort(), List.of(), ATTRACTIONS);
    }

    @Override
    public io.agentstream.run.TextResult planItinerary(WriteInput input) {
      return new io.agentstream.run.TextResult("Day 1", false, PLAN);
    }

    @Override
    public io.agentstream.run.TextResult summarize(WriteInput input) {
      return new io.agentstream.run.TextResult("Summary", false, SUMMARY);
    }
  }

  private TripPlannerWorkflow start(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, Long tokenBudget) {
    worker.registerWorkflowImplementationFactory(
        TripPlannerWorkflow.class,
        () ->
            new TripPlannerWorkflowImpl(
                TripPlannerWorkflowTest.FAST_STEPS,
                new TripPlannerSettings(Duration.ofHours(1), 3)));
    worker.registerActivitiesImplementations(new MeteredTripActivities(), events);
    env.start();
    WorkflowOptions.Builder options =
        WorkflowOptions.newBuilder()
            .setTaskQueue(worker.getTaskQueue())
            .setWorkflowId("trip-" + System.nanoTime());
    if (tokenBudget != null) {
      options.setMemo(Map.of(AgentWorkflow.TOKEN_BUDGET_MEMO, tokenBudget));
    }
    TripPlannerWorkflow workflow =
        client.newWorkflowStub(TripPlannerWorkflow.class, options.build());
    WorkflowClient.start(workflow::plan, new TripRequest("Plan a 5-day trip to Hawaii"));
    return workflow;
  }

  private static void answerWhenAsked(TripPlannerWorkflow workflow) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (workflow.state().questions().isEmpty()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("never asked; last: " + workflow.state());
      }
      Thread.sleep(20);
    }
    workflow.answer(new Answers(Map.of("travelers", "2 adults")));
  }

  private TokenUsage completedUsage(String step) {
    return events.events().stream()
        .filter(e -> step.equals(e.step()) && e.payload() instanceof StepCompleted)
        .map(e -> ((StepCompleted) e.payload()).usage())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void eachStepsUsageIsKeptAndTheRunAddsThemUp(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    // Without a budget the attractions research only ends when finish-now cuts it short.
    TripPlannerWorkflow workflow = start(env, worker, client, null);
    answerWhenAsked(workflow);
    long deadline = System.currentTimeMillis() + 10_000;
    while (workflow.state().steps().stream()
        .noneMatch(s -> s.id().equals("research-restaurants") && s.status().isFinished())) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("restaurants never finished: " + workflow.state());
      }
      Thread.sleep(20);
    }
    workflow.finishNow();

    TripPlan plan = WorkflowStub.fromTyped(workflow).getResult(TripPlan.class);

    TokenUsage expected = CLARIFY.plus(RESTAURANTS).plus(ATTRACTIONS).plus(SUMMARY);
    assertThat(plan.usage()).isEqualTo(expected);
    assertThat(plan.stopReason()).isEqualTo(StopReason.FINISH_NOW);
    assertThat(completedUsage("clarify")).isEqualTo(CLARIFY);
    assertThat(completedUsage("research-attractions")).isEqualTo(ATTRACTIONS);
    assertThat(completedUsage("plan")).isEqualTo(TokenUsage.NONE);
    assertThat(completedUsage("summarize")).isEqualTo(SUMMARY);

    RunState done = workflow.state();
    assertThat(done.steps()).extracting(StepState::usage).contains(CLARIFY, SUMMARY);
    RunSnapshot snapshot = done.toSnapshot("run", 0);
    assertThat(snapshot.usage()).isEqualTo(expected);
    assertThat(snapshot.tokenBudget()).isNull();
    assertThat(snapshot.stopReason()).isEqualTo(StopReason.FINISH_NOW);
    EventDraft last = events.events().get(events.events().size() - 1);
    assertThat(((RunCompleted) last.payload()).stopReason()).isEqualTo(StopReason.FINISH_NOW);
  }

  @Test
  void aRunThatUsedItsBudgetCutsItsRunningStepShortAndSkipsTheRestEvenTheFinalStep(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    // Clarify (120) stays under 150; the restaurants (50 more) take the run over it while the
    // attractions research is still running.
    TripPlannerWorkflow workflow = start(env, worker, client, 150L);
    answerWhenAsked(workflow);

    TripPlan plan = WorkflowStub.fromTyped(workflow).getResult(TripPlan.class);

    assertThat(plan.stopReason()).isEqualTo(StopReason.TOKEN_BUDGET);
    assertThat(plan.cutShortSteps()).containsExactly("research-attractions");
    assertThat(plan.skippedSteps()).containsExactly("plan", "summarize");
    assertThat(plan.summary()).isEmpty();
    assertThat(plan.usage()).isEqualTo(CLARIFY.plus(RESTAURANTS).plus(ATTRACTIONS));
    assertThat(events.types()).doesNotContain("step.started:plan", "step.started:summarize");

    RunState done = workflow.state();
    assertThat(done.tokenBudget()).isEqualTo(150L);
    assertThat(done.stopReason()).isEqualTo(StopReason.TOKEN_BUDGET);
    assertThat(done.steps())
        .filteredOn(s -> s.id().equals("summarize"))
        .extracting(StepState::status)
        .containsExactly(StepStatus.SKIPPED);
    EventDraft last = events.events().get(events.events().size() - 1);
    assertThat(((RunCompleted) last.payload()).stopReason()).isEqualTo(StopReason.TOKEN_BUDGET);

    // The budget is read from the start event and the stop happens on a step's result: the
    // history replays without nondeterminism.
    WorkflowExecutionHistory history =
        client.fetchHistory(WorkflowStub.fromTyped(workflow).getExecution().getWorkflowId());
    if (Boolean.getBoolean("record-history")) {
      Files.writeString(Path.of("src/test/resources", BUDGET_HISTORY), history.toJson(true));
    }
    replay(history);
  }

  /** Recorded by the test above with {@code -Drecord-history=true}. */
  private static final String BUDGET_HISTORY = "histories/trip-planner-token-budget.json";

  @Test
  void aRecordedRunThatUsedItsBudgetReplaysWithoutNondeterminism() throws Exception {
    replay(
        WorkflowExecutionHistory.fromJson(
            new String(
                getClass().getResourceAsStream("/" + BUDGET_HISTORY).readAllBytes(),
                StandardCharsets.UTF_8)));
  }

  private static void replay(WorkflowExecutionHistory history) throws Exception {
    try (TestWorkflowEnvironment replayEnv = TestWorkflowEnvironment.newInstance()) {
      Worker replayer = replayEnv.newWorker("replay");
      replayer.registerWorkflowImplementationFactory(
          TripPlannerWorkflow.class,
          () ->
              new TripPlannerWorkflowImpl(
                  TripPlannerWorkflowTest.FAST_STEPS,
                  new TripPlannerSettings(Duration.ofHours(1), 3)));
      WorkflowReplayer.replayWorkflowExecution(history, replayer);
    }
  }

  @Test
  void aRunThatUsedItsBudgetBeforeAskingGoesOnWithTheDefaultsAndSkipsEveryStep(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    // Clarify alone (120) uses the budget: nobody is asked anything.
    TripPlannerWorkflow workflow = start(env, worker, client, 100L);

    TripPlan plan = WorkflowStub.fromTyped(workflow).getResult(TripPlan.class);

    assertThat(plan.stopReason()).isEqualTo(StopReason.TOKEN_BUDGET);
    assertThat(plan.answers()).containsEntry("travelers", "2 adults");
    assertThat(plan.skippedSteps())
        .containsExactly("research-restaurants", "research-attractions", "plan", "summarize");
    assertThat(plan.usage()).isEqualTo(CLARIFY);
    assertThat(events.types()).doesNotContain("questions", "run.status");
  }

  @Test
  void aBudgetTheRunStaysUnderChangesNothing(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    // Far more than the steps use; attractions research ends only when cut short, so finish-now
    // ends it here, and the final step still runs.
    TripPlannerWorkflow workflow = start(env, worker, client, 1_000_000L);
    answerWhenAsked(workflow);
    long deadline = System.currentTimeMillis() + 10_000;
    while (workflow.state().steps().stream()
        .noneMatch(s -> s.id().equals("research-restaurants") && s.status().isFinished())) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("restaurants never finished: " + workflow.state());
      }
      Thread.sleep(20);
    }
    workflow.finishNow();

    TripPlan plan = WorkflowStub.fromTyped(workflow).getResult(TripPlan.class);

    assertThat(plan.stopReason()).isEqualTo(StopReason.FINISH_NOW);
    assertThat(plan.summary()).isEqualTo("Summary");
  }
}
