package io.agentstream.research;

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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Guards determinism: a recorded deep-research history (questions answered, two sub-questions of
 * three slots, so one research step is skipped) must replay against the current workflow code.
 * Re-record only for an intended, versioned change: {@code mvn -pl workflows test
 * -Dtest=DeepResearchReplayTest -Drecord-history=true}.
 */
class DeepResearchReplayTest {

  private static final String HISTORY = "histories/deep-research.json";

  @Test
  void recordedDeepResearchHistoryReplaysWithoutNondeterminism() throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker("replay");
      worker.registerWorkflowImplementationFactory(
          DeepResearchWorkflow.class,
          () ->
              new DeepResearchWorkflowImpl(
                  DeepResearchWorkflowTest.FAST_STEPS, DeepResearchWorkflowTest.SETTINGS));
      WorkflowReplayer.replayWorkflowExecutionFromResource(HISTORY, worker);
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "record-history", matches = "true")
  void recordHistory() throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      RunTestWorkflows.registerSearchAttributes(env);
      Worker worker = env.newWorker("record");
      worker.registerWorkflowImplementationFactory(
          DeepResearchWorkflow.class,
          () ->
              new DeepResearchWorkflowImpl(
                  DeepResearchWorkflowTest.FAST_STEPS, DeepResearchWorkflowTest.SETTINGS));
      worker.registerActivitiesImplementations(
          new FakeDeepResearchActivities(2, false), new RecordingRunEvents());
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      DeepResearchWorkflow workflow =
          client.newWorkflowStub(
              DeepResearchWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setTaskQueue("record")
                  .setWorkflowId("recorded-deep-research")
                  .build());
      WorkflowClient.start(
          workflow::research, new DeepResearchRequest(DeepResearchWorkflowTest.QUESTION));
      while (workflow.state().questions().isEmpty()) {
        Thread.sleep(20);
      }
      workflow.answer(new Answers(Map.of("audience", "Operators")));
      WorkflowStub.fromTyped(workflow).getResult(DeepResearchResult.class);
      String json = client.fetchHistory("recorded-deep-research").toJson(true);
      Files.writeString(Path.of("src/test/resources", HISTORY), json);
    }
  }
}
