package io.agentstream.api.crash;

import io.agentstream.run.StepCheckpoint;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The checkpoints the Temporal engine holds for a run's running steps: the last heartbeat details
 * of each pending activity, read with DescribeWorkflowExecution. This is exactly what a retry after
 * a crash resumes from, so a kill point chosen on it is known to have something durable to resume,
 * whatever the SDK's heartbeat throttling let through before the kill.
 */
final class HeartbeatedCheckpoints implements AutoCloseable {

  private final WorkflowServiceStubs stubs;
  private final DataConverter converter = DefaultDataConverter.newDefaultInstance();

  HeartbeatedCheckpoints(int enginePort) {
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + enginePort).build());
  }

  /** The checkpoint of each running step of the run that has heartbeated one, by step id. */
  Map<String, StepCheckpoint> of(String runId) {
    Map<String, StepCheckpoint> byStep = new HashMap<>();
    for (PendingActivityInfo pending :
        stubs
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace("default")
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(runId))
                    .build())
            .getPendingActivitiesList()) {
      if (pending.hasHeartbeatDetails() && pending.getHeartbeatDetails().getPayloadsCount() > 0) {
        StepCheckpoint c =
            converter.fromPayloads(
                0,
                Optional.of(pending.getHeartbeatDetails()),
                StepCheckpoint.class,
                StepCheckpoint.class);
        byStep.put(c.step(), c);
      }
    }
    return byStep;
  }

  @Override
  public void close() {
    stubs.shutdownNow();
  }
}
