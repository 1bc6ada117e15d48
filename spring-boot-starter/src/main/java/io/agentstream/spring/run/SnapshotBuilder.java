package io.agentstream.spring.run;

import io.agentstream.protocol.RunEvent;
import io.agentstream.protocol.RunSnapshot;
import io.agentstream.protocol.RunStarted;
import io.agentstream.protocol.StepSnapshot;
import io.agentstream.protocol.StepStatus;
import io.agentstream.protocol.TokenUsage;
import io.agentstream.run.AgentWorkflow;
import io.agentstream.run.RunState;
import io.agentstream.run.StepCheckpoint;
import io.agentstream.run.StepState;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a run's snapshot from durable truth only: the workflow's {@code state} query plus the
 * heartbeat checkpoints of its pending activities (DescribeWorkflowExecution), or, for a run's
 * first event, the initial state the workflow published in it.
 *
 * <p>{@code lastEventId} is chosen so nothing is claimed that the state does not contain: it is the
 * lowest of the workflow's last recorded transition and, for each running step, the sequence its
 * checkpoint covers (or its {@code step.started} when it has none yet). Events after it may repeat
 * what the snapshot already shows; the protocol makes applying them again harmless.
 */
public class SnapshotBuilder {

  private final WorkflowClient client;
  private final DataConverter converter;

  public SnapshotBuilder(WorkflowClient client) {
    this.client = client;
    this.converter = client.getOptions().getDataConverter();
  }

  /**
   * The snapshot a {@code run.started} event stands for: the run's initial state, published by the
   * workflow as its first transition and so as durable as any query result. Nothing runs yet, so
   * there are no checkpoints to merge, and the snapshot covers exactly that event.
   *
   * @throws IllegalArgumentException when the event is not a {@code run.started}
   */
  public RunSnapshot initial(RunEvent started) {
    if (!(started.payload() instanceof RunStarted runStarted)) {
      throw new IllegalArgumentException("not a run.started event: " + started.type());
    }
    return runStarted.snapshot().coveringUpTo(started.seq());
  }

  public RunSnapshot build(String runId) {
    DescribeWorkflowExecutionResponse described = describe(runId);
    RunState state;
    try {
      state = client.newUntypedWorkflowStub(runId).query(AgentWorkflow.STATE_QUERY, RunState.class);
    } catch (io.temporal.client.WorkflowNotFoundException e) {
      throw new RunNotFoundException(runId);
    }
    Map<String, PendingActivityInfo> pendingByStep = new HashMap<>();
    Map<String, StepCheckpoint> checkpoints = new HashMap<>();
    for (PendingActivityInfo pending : described.getPendingActivitiesList()) {
      checkpointOf(pending)
          .ifPresent(
              c -> {
                checkpoints.put(c.step(), c);
                pendingByStep.put(c.step(), pending);
              });
    }
    long covered = state.lastPublishedSeq();
    List<StepSnapshot> steps = new ArrayList<>();
    for (StepState step : state.steps()) {
      if (!step.status().isInFlight()) {
        steps.add(step.toSnapshot());
        continue;
      }
      StepCheckpoint checkpoint = checkpoints.get(step.id());
      if (checkpoint == null) {
        covered = Math.min(covered, step.startedSeq());
        steps.add(step.toSnapshot());
        continue;
      }
      // seq 0: this attempt has streamed nothing yet, so its step.started is the last event it
      // covers.
      covered = Math.min(covered, checkpoint.seq() > 0 ? checkpoint.seq() : step.startedSeq());
      PendingActivityInfo pending = pendingByStep.get(step.id());
      boolean retrying =
          pending.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED
              && pending.getAttempt() > 1;
      String error = pending.hasLastFailure() ? pending.getLastFailure().getMessage() : null;
      steps.add(
          new StepSnapshot(
              step.id(),
              step.title(),
              retrying ? StepStatus.RETRYING : StepStatus.RUNNING,
              Math.max(checkpoint.attempt(), pending.getAttempt()),
              checkpoint.text(),
              checkpoint.items(),
              retrying ? error : null,
              checkpoint.toolCalls(),
              TokenUsage.NONE,
              checkpoint.reasoning()));
    }
    return new RunSnapshot(
        runId,
        state.agent(),
        RunStatuses.of(described.getWorkflowExecutionInfo().getStatus(), state.status()),
        state.currentStep(),
        steps,
        state.questions(),
        state.answers(),
        state.result(),
        state.error(),
        Math.max(covered, 0),
        state.usage(),
        state.tokenBudget(),
        state.stopReason());
  }

  /**
   * Whether the run's workflow is still open: one server call, no worker involved.
   *
   * @throws RunNotFoundException when the run does not exist
   */
  public boolean isOpen(String runId) {
    return describe(runId).getWorkflowExecutionInfo().getStatus()
        == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  /** Throws {@link RunNotFoundException} when the run does not exist. */
  public DescribeWorkflowExecutionResponse describe(String runId) {
    try {
      return client
          .getWorkflowServiceStubs()
          .blockingStub()
          .describeWorkflowExecution(
              DescribeWorkflowExecutionRequest.newBuilder()
                  .setNamespace(client.getOptions().getNamespace())
                  .setExecution(WorkflowExecution.newBuilder().setWorkflowId(runId))
                  .build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND
          || e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
        throw new RunNotFoundException(runId);
      }
      throw e;
    }
  }

  private Optional<StepCheckpoint> checkpointOf(PendingActivityInfo pending) {
    if (!pending.hasHeartbeatDetails() || pending.getHeartbeatDetails().getPayloadsCount() == 0) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(
          converter.fromPayloads(
              0,
              Optional.of(pending.getHeartbeatDetails()),
              StepCheckpoint.class,
              StepCheckpoint.class));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
