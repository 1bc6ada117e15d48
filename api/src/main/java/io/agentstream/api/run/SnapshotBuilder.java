package io.agentstream.api.run;

import io.agentstream.run.AgentWorkflow;
import io.agentstream.run.EventTypes;
import io.agentstream.run.RunState;
import io.agentstream.run.StepCheckpoint;
import io.agentstream.run.StepState;
import io.agentstream.run.StepStatus;
import io.agentstream.stream.RunEvent;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds a run's snapshot from durable truth only: the workflow's {@code state} query plus the
 * heartbeat checkpoints of its pending activities (DescribeWorkflowExecution), or, for a run's
 * first event, the initial state the workflow published in it.
 *
 * <p>{@code lastEventId} is chosen so nothing is claimed that the state does not contain: it is
 * the lowest of the workflow's last recorded transition and, for each running step, the sequence
 * its checkpoint covers (or its {@code step.started} when it has none yet). Events after it may
 * repeat what the snapshot already shows; the protocol makes applying them again harmless.
 */
@Component
public class SnapshotBuilder {

  private final WorkflowClient client;
  private final DataConverter converter;
  private final JsonMapper json;

  public SnapshotBuilder(WorkflowClient client, JsonMapper json) {
    this.client = client;
    this.converter = client.getOptions().getDataConverter();
    this.json = json;
  }

  /**
   * The snapshot a {@code run.started} event stands for: the run's initial state, published by the
   * workflow as its first transition and so as durable as any query result. Nothing runs yet, so
   * there are no checkpoints to merge, and the snapshot covers exactly that event.
   *
   * @throws IllegalArgumentException when the event is not a {@code run.started}
   */
  public RunSnapshot initial(RunEvent started) {
    if (!EventTypes.RUN_STARTED.equals(started.type())) {
      throw new IllegalArgumentException("not a " + EventTypes.RUN_STARTED + " event: " + started.type());
    }
    RunState state = json.convertValue(started.payload().get("state"), RunState.class);
    List<StepView> steps = state.steps().stream()
        .map(SnapshotBuilder::view)
        .toList();
    return new RunSnapshot(started.runId(), state.agent(), state.status().name(), state.currentStep(), steps,
        questionsOf(state), state.answers(), state.result(), state.error(), started.seq());
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
      checkpointOf(pending).ifPresent(c -> {
        checkpoints.put(c.step(), c);
        pendingByStep.put(c.step(), pending);
      });
    }
    long covered = state.lastPublishedSeq();
    List<StepView> steps = new ArrayList<>();
    for (StepState step : state.steps()) {
      boolean running = step.status() == StepStatus.RUNNING || step.status() == StepStatus.RETRYING;
      if (!running) {
        steps.add(view(step));
        continue;
      }
      StepCheckpoint checkpoint = checkpoints.get(step.id());
      if (checkpoint == null) {
        covered = Math.min(covered, step.startedSeq());
        steps.add(view(step));
        continue;
      }
      // seq 0: this attempt has streamed nothing yet, so its step.started is the last event it covers.
      covered = Math.min(covered, checkpoint.seq() > 0 ? checkpoint.seq() : step.startedSeq());
      PendingActivityInfo pending = pendingByStep.get(step.id());
      boolean retrying = pending.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED
          && pending.getAttempt() > 1;
      String error = pending.hasLastFailure() ? pending.getLastFailure().getMessage() : null;
      steps.add(view(
          step,
          retrying ? StepStatus.RETRYING.name() : StepStatus.RUNNING.name(),
          Math.max(checkpoint.attempt(), pending.getAttempt()),
          checkpoint.text(),
          checkpoint.items(),
          retrying ? error : null));
    }
    return new RunSnapshot(
        runId,
        state.agent(),
        runStatus(state, described.getWorkflowExecutionInfo().getStatus()),
        state.currentStep(),
        steps,
        questionsOf(state),
        state.answers(),
        state.result(),
        state.error(),
        Math.max(covered, 0));
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
      return client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
          DescribeWorkflowExecutionRequest.newBuilder()
              .setNamespace(client.getOptions().getNamespace())
              .setExecution(WorkflowExecution.newBuilder().setWorkflowId(runId))
              .build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND || e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
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
      return Optional.ofNullable(converter.fromPayloads(
          0, Optional.of(pending.getHeartbeatDetails()), StepCheckpoint.class, StepCheckpoint.class));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static List<Map<String, Object>> questionsOf(RunState state) {
    return state.questions().stream().map(q -> Map.<String, Object>of(
        "id", q.id(), "text", q.text(), "defaultAnswer", q.defaultAnswer())).toList();
  }

  private static String runStatus(RunState state, WorkflowExecutionStatus execution) {
    if (state.status().isTerminal()) {
      return state.status().name();
    }
    return switch (execution) {
      case WORKFLOW_EXECUTION_STATUS_CANCELED -> "CANCELLED";
      case WORKFLOW_EXECUTION_STATUS_FAILED,
          WORKFLOW_EXECUTION_STATUS_TERMINATED,
          WORKFLOW_EXECUTION_STATUS_TIMED_OUT -> "FAILED";
      default -> state.status().name();
    };
  }

  /** A step as the workflow knows it, with no checkpoint merged in. */
  private static StepView view(StepState step) {
    return view(step, step.status().name(), step.attempt(), step.text(), step.items(), step.error());
  }

  private static StepView view(StepState step, String status, int attempt, String text, List<Object> items, String error) {
    return new StepView(step.id(), step.title(), status, attempt, text, items, null, error);
  }
}
