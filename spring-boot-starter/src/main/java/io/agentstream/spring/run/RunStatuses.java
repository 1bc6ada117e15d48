package io.agentstream.spring.run;

import io.agentstream.protocol.RunStatus;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;

/** The one mapping from Temporal's execution status to a run's status. */
final class RunStatuses {

  private RunStatuses() {}

  /**
   * @param execution what Temporal says of the workflow execution
   * @param reported what the run itself last reported (its query or search attribute), or null when
   *     unknown; a terminal report wins, since the workflow publishes its end a moment before the
   *     execution closes
   */
  static RunStatus of(WorkflowExecutionStatus execution, RunStatus reported) {
    if (reported != null && reported.isTerminal()) {
      return reported;
    }
    return switch (execution) {
      case WORKFLOW_EXECUTION_STATUS_COMPLETED -> RunStatus.COMPLETED;
      case WORKFLOW_EXECUTION_STATUS_CANCELED -> RunStatus.CANCELLED;
      case WORKFLOW_EXECUTION_STATUS_FAILED,
          WORKFLOW_EXECUTION_STATUS_TERMINATED,
          WORKFLOW_EXECUTION_STATUS_TIMED_OUT ->
          RunStatus.FAILED;
      default -> reported == null ? RunStatus.RUNNING : reported;
    };
  }
}
