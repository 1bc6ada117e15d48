package io.agentstream.trip;

import io.agentstream.protocol.RunStatus;
import io.agentstream.run.Answers;
import io.agentstream.run.RecordingRunEvents;
import io.agentstream.run.RunTestWorkflows;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guards determinism: a history recorded from a real run (questions, answers, parallel research,
 * plan, summary) must replay against the current workflow code. Re-record only for an intended,
 * versioned change: {@code mvn -pl workflows test -Dtest=TripPlannerReplayTest
 * -Drecord-history=true}.
 */
class TripPlannerReplayTest {

  /** Recorded before runs published {@code run.started} (no version marker): still replays. */
  private static final String BEFORE_RUN_STARTED = "histories/trip-planner.json";

  /** Recorded by {@link #recordHistory()} with the current code. */
  private static final String HISTORY = "histories/trip-planner-run-started.json";

  @ParameterizedTest
  @ValueSource(strings = {BEFORE_RUN_STARTED, HISTORY})
  void recordedTripPlannerHistoryReplaysWithoutNondeterminism(String history) throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker("replay");
      worker.registerWorkflowImplementationFactory(
          TripPlannerWorkflow.class,
          () ->
              new TripPlannerWorkflowImpl(
                  TripPlannerWorkflowTest.FAST_STEPS,
                  new TripPlannerSettings(Duration.ofHours(24), 3)));
      WorkflowReplayer.replayWorkflowExecutionFromResource(history, worker);
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "record-history", matches = "true")
  void recordHistory() throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      RunTestWorkflows.registerSearchAttributes(env);
      Worker worker = env.newWorker("record");
      worker.registerWorkflowImplementationFactory(
          TripPlannerWorkflow.class,
          () ->
              new TripPlannerWorkflowImpl(
                  TripPlannerWorkflowTest.FAST_STEPS,
                  new TripPlannerSettings(Duration.ofHours(24), 3)));
      worker.registerActivitiesImplementations(
          new FakeTripActivities(Duration.ofMillis(100), false), new RecordingRunEvents());
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      TripPlannerWorkflow workflow =
          client.newWorkflowStub(
              TripPlannerWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setTaskQueue("record")
                  .setWorkflowId("recorded-trip")
                  .build());
      WorkflowClient.start(workflow::plan, new TripRequest("Plan a 5-day trip to Hawaii"));
      while (workflow.state().status() != RunStatus.WAITING_FOR_INPUT) {
        Thread.sleep(20);
      }
      workflow.answer(new Answers(Map.of("travelers", "4 adults")));
      WorkflowStub.fromTyped(workflow).getResult(TripPlan.class);
      String json = client.fetchHistory("recorded-trip").toJson(true);
      Files.writeString(Path.of("src/test/resources", HISTORY), json);
    }
  }
}
