package io.agentstream.notes;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Guards determinism: a recorded meeting-notes history (both steps) must replay against the current
 * workflow code. Re-record only for an intended, versioned change: {@code mvn -pl workflows test
 * -Dtest=MeetingNotesReplayTest -Drecord-history=true}.
 */
class MeetingNotesReplayTest {

  private static final String HISTORY = "histories/meeting-notes.json";

  @Test
  void recordedMeetingNotesHistoryReplaysWithoutNondeterminism() throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker("replay");
      worker.registerWorkflowImplementationFactory(
          MeetingNotesWorkflow.class,
          () -> new MeetingNotesWorkflowImpl(MeetingNotesWorkflowTest.FAST_STEPS));
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
          MeetingNotesWorkflow.class,
          () -> new MeetingNotesWorkflowImpl(MeetingNotesWorkflowTest.FAST_STEPS));
      worker.registerActivitiesImplementations(
          new FakeMeetingNotesActivities(false), new RecordingRunEvents());
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      MeetingNotesWorkflow workflow =
          client.newWorkflowStub(
              MeetingNotesWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setTaskQueue("record")
                  .setWorkflowId("recorded-meeting-notes")
                  .build());
      WorkflowClient.start(
          workflow::summarize, new MeetingNotesRequest(MeetingNotesWorkflowTest.NOTES));
      WorkflowStub.fromTyped(workflow).getResult(MeetingNotesResult.class);
      String json = client.fetchHistory("recorded-meeting-notes").toJson(true);
      Files.writeString(Path.of("src/test/resources", HISTORY), json);
    }
  }
}
