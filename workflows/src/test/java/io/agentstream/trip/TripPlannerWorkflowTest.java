package io.agentstream.trip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstream.protocol.RunSnapshot;
import io.agentstream.protocol.RunStarted;
import io.agentstream.protocol.RunStatus;
import io.agentstream.protocol.StepSnapshot;
import io.agentstream.protocol.StepStatus;
import io.agentstream.run.AnswerRejection;
import io.agentstream.run.Answers;
import io.agentstream.run.RecordingRunEvents;
import io.agentstream.run.RunState;
import io.agentstream.run.RunTestWorkflows;
import io.agentstream.run.StepPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TripPlannerWorkflowTest {

  static final StepPolicy FAST_STEPS =
      new StepPolicy(
          Duration.ofMinutes(1),
          Duration.ofSeconds(2),
          Duration.ofMillis(100),
          Duration.ofSeconds(1),
          3);

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      RunTestWorkflows.newExtensionBuilder().setDoNotStart(true).build();

  private final RecordingRunEvents events = new RecordingRunEvents();

  private TripPlannerWorkflow start(
      TestWorkflowEnvironment env,
      Worker worker,
      WorkflowClient client,
      FakeTripActivities activities,
      Duration answerTimeout) {
    worker.registerWorkflowImplementationFactory(
        TripPlannerWorkflow.class,
        () -> new TripPlannerWorkflowImpl(FAST_STEPS, new TripPlannerSettings(answerTimeout, 3)));
    worker.registerActivitiesImplementations(activities, events);
    env.start();
    TripPlannerWorkflow workflow =
        client.newWorkflowStub(
            TripPlannerWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId("trip-" + System.nanoTime())
                .build());
    WorkflowClient.start(workflow::plan, new TripRequest("Plan a 5-day trip to Hawaii"));
    return workflow;
  }

  private static RunState awaitState(TripPlannerWorkflow workflow, Predicate<RunState> condition)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    RunState state = workflow.state();
    while (!condition.test(state)) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("state never matched; last: " + state);
      }
      Thread.sleep(20);
      state = workflow.state();
    }
    return state;
  }

  @Test
  void asksQuestionsWaitsForAnswersThenResearchesInParallel(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    TripPlannerWorkflow workflow =
        start(
            env,
            worker,
            client,
            new FakeTripActivities(Duration.ofMillis(300), false),
            Duration.ofHours(24));

    RunState waiting = awaitState(workflow, s -> s.status() == RunStatus.WAITING_FOR_INPUT);
    assertThat(waiting.questions()).extracting("id").containsExactly("travelers", "budget");
    workflow.answer(new Answers(Map.of("travelers", "4 adults")));

    TripPlan plan = WorkflowStub.fromTyped(workflow).getResult(TripPlan.class);
    assertThat(plan.answers())
        .containsEntry("travelers", "4 adults")
        .containsEntry("budget", "$3,000");
    assertThat(plan.restaurants()).hasSize(3);
    assertThat(plan.attractions()).hasSize(3);
    assertThat(plan.itinerary()).startsWith("Day 1: 6 places");
    assertThat(plan.summary()).startsWith("Summary of: Day 1");
    assertThat(plan.cutShortSteps()).isEmpty();

    List<String> types = events.types();
    assertThat(types)
        .startsWith(
            "run.started",
            "step.started:clarify",
            "step.completed:clarify",
            "run.status",
            "questions",
            "run.status");
    // The first event is the initial state: a subscriber replaying the channel from it needs no
    // query.
    RunSnapshot initial = ((RunStarted) events.events().get(0).payload()).snapshot();
    assertThat(initial.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(initial.steps()).extracting(StepSnapshot::status).containsOnly(StepStatus.PENDING);
    assertThat(initial.steps())
        .extracting(StepSnapshot::id)
        .containsExactly(
            "clarify", "research-restaurants", "research-attractions", "plan", "summarize");
    assertThat(types)
        .endsWith(
            "step.completed:plan",
            "step.started:summarize",
            "step.completed:summarize",
            "run.completed");
    // Both research steps start before either finishes: they run in parallel.
    int lastResearchStart =
        Math.max(
            types.indexOf("step.started:research-restaurants"),
            types.indexOf("step.started:research-attractions"));
    int firstResearchEnd =
        Math.min(
            types.indexOf("step.completed:research-restaurants"),
            types.indexOf("step.completed:research-attractions"));
    assertThat(lastResearchStart).isLessThan(firstResearchEnd);

    RunState done = workflow.state();
    assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(done.steps()).allMatch(s -> s.status() == StepStatus.COMPLETED);
    assertThat(done.lastPublishedSeq()).isEqualTo(events.events().size());
  }

  @Test
  void fallsBackToDefaultAnswersWhenNobodyAnswersInTime(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    TripPlannerWorkflow workflow =
        start(
            env, worker, client, new FakeTripActivities(Duration.ZERO, false), Duration.ofHours(6));

    TripPlan plan = WorkflowStub.fromTyped(workflow).getResult(TripPlan.class);

    assertThat(plan.answers())
        .containsEntry("travelers", "2 adults")
        .containsEntry("budget", "$3,000");
  }

  @Test
  void rejectsInvalidAnswersWithReasons(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    TripPlannerWorkflow workflow =
        start(
            env,
            worker,
            client,
            new FakeTripActivities(Duration.ZERO, false),
            Duration.ofHours(24));
    awaitState(workflow, s -> s.status() == RunStatus.WAITING_FOR_INPUT);

    assertRejected(
        () -> workflow.answer(new Answers(Map.of("pets", "a dog"))),
        AnswerRejection.INVALID,
        "unknown question id: pets");
    assertRejected(
        () -> workflow.answer(new Answers(Map.of("budget", " "))),
        AnswerRejection.INVALID,
        "answer to 'budget' is empty");
    assertRejected(
        () -> workflow.answer(new Answers(Map.of())), AnswerRejection.INVALID, "no answers given");

    workflow.answer(new Answers(Map.of("budget", "$5,000")));
    assertRejected(
        () -> workflow.answer(new Answers(Map.of("budget", "$1"))),
        AnswerRejection.CONFLICT,
        "the questions were already answered");

    TripPlan plan = WorkflowStub.fromTyped(workflow).getResult(TripPlan.class);
    assertThat(plan.answers()).containsEntry("budget", "$5,000");
  }

  @Test
  void finishNowCutsRunningStepsShortAndGoesStraightToTheSummary(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    TripPlannerWorkflow workflow =
        start(
            env, worker, client, new FakeTripActivities(Duration.ZERO, true), Duration.ofHours(24));
    awaitState(workflow, s -> s.status() == RunStatus.WAITING_FOR_INPUT);
    workflow.answer(new Answers(Map.of("travelers", "2")));
    awaitState(
        workflow,
        s ->
            s.steps().stream()
                .filter(st -> st.id().startsWith("research"))
                .allMatch(st -> st.status() == StepStatus.RUNNING));
    Thread.sleep(300);

    workflow.finishNow();

    TripPlan plan = WorkflowStub.fromTyped(workflow).getResult(TripPlan.class);
    assertThat(plan.cutShortSteps())
        .containsExactlyInAnyOrder("research-restaurants", "research-attractions");
    assertThat(plan.skippedSteps()).containsExactly("plan");
    assertThat(plan.restaurants()).isNotEmpty();
    assertThat(plan.summary()).startsWith("Summary of:");
    RunState done = workflow.state();
    assertThat(done.steps())
        .filteredOn(s -> s.id().equals("summarize"))
        .allMatch(s -> s.status() == StepStatus.COMPLETED);
    assertThat(events.types()).contains("step.completed:plan").endsWith("run.completed");
  }

  @Test
  void cancelEndsTheRunAsCancelled(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    TripPlannerWorkflow workflow =
        start(
            env, worker, client, new FakeTripActivities(Duration.ZERO, true), Duration.ofHours(24));
    awaitState(workflow, s -> s.status() == RunStatus.WAITING_FOR_INPUT);
    workflow.answer(new Answers(Map.of("travelers", "2")));
    awaitState(workflow, s -> s.currentStep() != null && s.currentStep().startsWith("research"));

    WorkflowStub.fromTyped(workflow).cancel();

    assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(TripPlan.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    assertThat(workflow.state().status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(events.types()).last().isEqualTo("run.cancelled");
    assertThat(events.types()).doesNotContain("step.started:plan");
  }

  private static void assertRejected(Runnable update, String type, String message) {
    assertThatThrownBy(update::run)
        .isInstanceOf(WorkflowUpdateException.class)
        .satisfies(
            e -> {
              assertThat(AnswerRejection.find(e)).contains(new AnswerRejection(type, message));
            });
  }
}
