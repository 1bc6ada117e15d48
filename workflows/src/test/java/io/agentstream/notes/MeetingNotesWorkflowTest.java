package io.agentstream.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstream.protocol.RunStatus;
import io.agentstream.protocol.StepStatus;
import io.agentstream.run.RecordingRunEvents;
import io.agentstream.run.RunState;
import io.agentstream.run.RunTestWorkflows;
import io.agentstream.run.StepPolicy;
import io.agentstream.run.StepState;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The meeting-notes workflow on Temporal's test server, with fake steps. */
class MeetingNotesWorkflowTest {

  static final StepPolicy FAST_STEPS =
      new StepPolicy(
          Duration.ofMinutes(1),
          Duration.ofSeconds(2),
          Duration.ofMillis(100),
          Duration.ofSeconds(1),
          3);

  static final String NOTES = "Dana will send the revised budget by Friday. Sam to book the room.";

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      RunTestWorkflows.newExtensionBuilder().setDoNotStart(true).build();

  private final RecordingRunEvents events = new RecordingRunEvents();

  private MeetingNotesWorkflow start(
      TestWorkflowEnvironment env,
      Worker worker,
      WorkflowClient client,
      FakeMeetingNotesActivities activities) {
    worker.registerWorkflowImplementationFactory(
        MeetingNotesWorkflow.class, () -> new MeetingNotesWorkflowImpl(FAST_STEPS));
    worker.registerActivitiesImplementations(activities, events);
    env.start();
    MeetingNotesWorkflow workflow =
        client.newWorkflowStub(
            MeetingNotesWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId("notes-" + System.nanoTime())
                .build());
    WorkflowClient.start(workflow::summarize, new MeetingNotesRequest(NOTES));
    return workflow;
  }

  private static RunState awaitState(MeetingNotesWorkflow workflow, Predicate<RunState> condition)
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

  private static StepState step(RunState state, String id) {
    return state.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void findsTheActionItemsThenDraftsTheEmailFromThem(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    FakeMeetingNotesActivities activities = new FakeMeetingNotesActivities(false);
    MeetingNotesWorkflow workflow = start(env, worker, client, activities);

    MeetingNotesResult result =
        WorkflowStub.fromTyped(workflow).getResult(MeetingNotesResult.class);

    assertThat(result.actionItems()).isEqualTo(FakeMeetingNotesActivities.ITEMS);
    assertThat(result.email()).startsWith("Hi all,\n- Dana: send the revised budget to finance\n");
    assertThat(result.cutShortSteps()).isEmpty();
    assertThat(result.skippedSteps()).isEmpty();
    // The email step got the notes and exactly the items the first step returned.
    assertThat(activities.followUps())
        .singleElement()
        .satisfies(
            input -> {
              assertThat(input.notes()).isEqualTo(NOTES);
              assertThat(input.items()).isEqualTo(FakeMeetingNotesActivities.ITEMS);
            });
    assertThat(events.types())
        .containsExactly(
            "run.started",
            "step.started:action-items",
            "step.completed:action-items",
            "step.started:follow-up",
            "step.completed:follow-up",
            "run.completed");

    RunState done = workflow.state();
    assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(step(done, "action-items").items()).hasSize(3);
    // The step's final state keeps the resolve_date calls it made.
    assertThat(step(done, "action-items").toolCalls())
        .isEqualTo(FakeMeetingNotesActivities.DATE_CALLS);
    assertThat(step(done, "action-items").text()).startsWith("- Dana: send the revised budget");
    assertThat(step(done, "follow-up").text()).isEqualTo(result.email());
  }

  @Test
  void theActionItemsStepGetsTheRunsStartDateFromTheWorkflowClock(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    FakeMeetingNotesActivities activities = new FakeMeetingNotesActivities(false);
    MeetingNotesWorkflow workflow = start(env, worker, client, activities);
    String today =
        LocalDate.ofInstant(Instant.ofEpochMilli(env.currentTimeMillis()), ZoneOffset.UTC)
            .toString();

    WorkflowStub.fromTyped(workflow).getResult(MeetingNotesResult.class);

    // What relative due dates count from when the notes name no date: the same on every attempt.
    assertThat(activities.actionItemInputs())
        .singleElement()
        .satisfies(input -> assertThat(input.runDate()).isEqualTo(today));
  }

  @Test
  void finishNowDuringTheActionItemsCutsThemShortAndStillDraftsTheEmail(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    FakeMeetingNotesActivities activities = new FakeMeetingNotesActivities(true);
    MeetingNotesWorkflow workflow = start(env, worker, client, activities);
    awaitState(workflow, s -> step(s, "action-items").status() == StepStatus.RUNNING);
    Thread.sleep(300);

    workflow.finishNow();

    MeetingNotesResult result =
        WorkflowStub.fromTyped(workflow).getResult(MeetingNotesResult.class);
    assertThat(result.cutShortSteps()).containsExactly("action-items");
    assertThat(result.skippedSteps()).isEmpty();
    assertThat(result.actionItems()).isNotEmpty();
    // The email is written from the items found before finish-now, and completes in full.
    assertThat(activities.followUps())
        .singleElement()
        .satisfies(input -> assertThat(input.items()).isEqualTo(result.actionItems()));
    assertThat(result.email()).startsWith("Hi all,").endsWith("Thanks!");
    RunState done = workflow.state();
    assertThat(step(done, "action-items").status()).isEqualTo(StepStatus.CUT_SHORT);
    assertThat(step(done, "follow-up").status()).isEqualTo(StepStatus.COMPLETED);
    assertThat(events.types())
        .endsWith("step.started:follow-up", "step.completed:follow-up", "run.completed");
  }

  @Test
  void cancelEndsTheRunAsCancelledWithoutDraftingTheEmail(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    FakeMeetingNotesActivities activities = new FakeMeetingNotesActivities(true);
    MeetingNotesWorkflow workflow = start(env, worker, client, activities);
    awaitState(workflow, s -> "action-items".equals(s.currentStep()));

    WorkflowStub.fromTyped(workflow).cancel();

    assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(MeetingNotesResult.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    RunState done = workflow.state();
    assertThat(done.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(step(done, "follow-up").status()).isEqualTo(StepStatus.PENDING);
    assertThat(events.types()).last().isEqualTo("run.cancelled");
    assertThat(events.types()).doesNotContain("step.started:follow-up");
    assertThat(activities.followUps()).isEmpty();
  }
}
