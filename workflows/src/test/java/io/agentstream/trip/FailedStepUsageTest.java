package io.agentstream.trip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstream.protocol.StepFailed;
import io.agentstream.protocol.StepStatus;
import io.agentstream.protocol.TokenUsage;
import io.agentstream.run.Answers;
import io.agentstream.run.RecordingRunEvents;
import io.agentstream.run.RunState;
import io.agentstream.run.RunTestWorkflows;
import io.agentstream.run.StepCheckpoint;
import io.agentstream.run.StepPolicy;
import io.agentstream.run.StepState;
import io.agentstream.run.TextResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A step that gives up was billed all the same: the tokens its last attempt's failure carries (as
 * StepWriter#failed attaches them) are the failed step's usage, in {@code step.failed}, the state
 * and the run's total. A step whose last attempt timed out instead (its worker died) keeps what its
 * last checkpoint counted.
 */
class FailedStepUsageTest {

  static final TokenUsage BILLED = new TokenUsage(70, 7);

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      RunTestWorkflows.newExtensionBuilder().setDoNotStart(true).build();

  private final RecordingRunEvents events = new RecordingRunEvents();

  /** The summary is refused for good after its model calls were billed. */
  static final class RefusedSummary extends TripPlannerTokenUsageTest.MeteredTripActivities {
    @Override
    public TextResult summarize(WriteInput input) {
      throw ApplicationFailure.newNonRetryableFailure(
          "HTTP 401", StepPolicy.NON_RETRYABLE_LLM_ERROR, BILLED);
    }
  }

  /**
   * The summary's attempts each bill a model call, checkpoint it and then hang until their
   * heartbeat times out, as on a worker that died: the last attempt leaves no failure of its own.
   */
  static final class HungSummary extends TripPlannerTokenUsageTest.MeteredTripActivities {
    static final TokenUsage PER_ATTEMPT = new TokenUsage(35, 4);

    @Override
    public TextResult summarize(WriteInput input) {
      ActivityExecutionContext context = Activity.getExecutionContext();
      TokenUsage before =
          context
              .getHeartbeatDetails(StepCheckpoint.class)
              .map(StepCheckpoint::usage)
              .orElse(TokenUsage.NONE);
      context.heartbeat(
          new StepCheckpoint(
              "summarize",
              context.getInfo().getAttempt(),
              "",
              List.of(),
              0,
              List.of(),
              before.plus(PER_ATTEMPT)));
      try {
        Thread.sleep(HUNG_STEPS.heartbeatTimeout().multipliedBy(3).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new TextResult("too late", false, TokenUsage.NONE);
    }
  }

  /** One-second heartbeat timeout, two attempts. */
  static final StepPolicy HUNG_STEPS =
      new StepPolicy(
          Duration.ofMinutes(1),
          Duration.ofSeconds(1),
          Duration.ofMillis(100),
          Duration.ofSeconds(1),
          2);

  @Test
  void aStepThatGivesUpKeepsTheTokensItsAttemptsUsed(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    RunState done =
        runUntilTheSummaryFails(
            env, worker, client, new RefusedSummary(), TripPlannerWorkflowTest.FAST_STEPS);
    assertTheSummaryFailedHaving(done, BILLED);
  }

  @Test
  void aStepWhoseLastAttemptTimedOutKeepsTheTokensItsCheckpointCounted(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    RunState done = runUntilTheSummaryFails(env, worker, client, new HungSummary(), HUNG_STEPS);
    assertTheSummaryFailedHaving(done, HungSummary.PER_ATTEMPT.plus(HungSummary.PER_ATTEMPT));
  }

  private RunState runUntilTheSummaryFails(
      TestWorkflowEnvironment env,
      Worker worker,
      WorkflowClient client,
      TripActivities activities,
      StepPolicy policy)
      throws Exception {
    worker.registerWorkflowImplementationFactory(
        TripPlannerWorkflow.class,
        () -> new TripPlannerWorkflowImpl(policy, new TripPlannerSettings(Duration.ofHours(1), 3)));
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
    long deadline = System.currentTimeMillis() + 10_000;
    while (workflow.state().questions().isEmpty()) {
      assertThat(System.currentTimeMillis()).isLessThan(deadline);
      Thread.sleep(20);
    }
    workflow.answer(new Answers(Map.of("travelers", "2 adults")));
    // The attractions research runs until finish-now; then only the final summary is left.
    while (workflow.state().steps().stream()
        .noneMatch(s -> s.id().equals("research-restaurants") && s.status().isFinished())) {
      assertThat(System.currentTimeMillis()).isLessThan(deadline);
      Thread.sleep(20);
    }
    workflow.finishNow();

    assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(TripPlan.class))
        .isInstanceOf(WorkflowFailedException.class);
    return workflow.state();
  }

  private void assertTheSummaryFailedHaving(RunState done, TokenUsage billed) {
    StepState summary =
        done.steps().stream().filter(s -> s.id().equals("summarize")).findFirst().orElseThrow();
    assertThat(summary.status()).isEqualTo(StepStatus.FAILED);
    assertThat(summary.usage()).isEqualTo(billed);
    assertThat(done.toSnapshot("run", 0).usage().totalTokens())
        .isEqualTo(
            done.steps().stream()
                    .filter(s -> !s.id().equals("summarize"))
                    .mapToLong(s -> s.usage().totalTokens())
                    .sum()
                + billed.totalTokens());
    assertThat(events.events())
        .filteredOn(e -> e.payload() instanceof StepFailed)
        .extracting(e -> ((StepFailed) e.payload()).usage())
        .containsExactly(billed);
  }
}
