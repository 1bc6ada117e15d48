package io.agentstream.step;

import io.agentstream.run.AgentWorkflow;
import io.agentstream.run.RunState;
import io.agentstream.run.StepState;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many tokens a starting step may still use: the run's token budget ({@link
 * AgentWorkflow#TOKEN_BUDGET_MEMO} in its memo) less what its other steps have used (the workflow's
 * state query). The workflow enforces the budget when a step finishes; this lets the step itself
 * stop once it alone has used the rest, the same way finish-now stops it.
 *
 * <p>Read once when the step's writer opens: one DescribeWorkflowExecution, and a query only for a
 * run that has a budget. Anything that goes wrong (the run's workflow answers no state query, the
 * server is slow) means no limit here: the workflow still enforces the budget.
 */
final class RunBudget {

  private static final Logger log = LoggerFactory.getLogger(RunBudget.class);

  private RunBudget() {}

  /** The tokens left for {@code stepId}; empty when the run has no budget or it is not known. */
  static OptionalLong remainingFor(ActivityExecutionContext context, String stepId) {
    try {
      WorkflowClient client = context.getWorkflowClient();
      String runId = context.getInfo().getWorkflowId();
      Payload budgetPayload =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(context.getInfo().getNamespace())
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(runId))
                      .build())
              .getWorkflowExecutionInfo()
              .getMemo()
              .getFieldsMap()
              .get(AgentWorkflow.TOKEN_BUDGET_MEMO);
      if (budgetPayload == null) {
        return OptionalLong.empty();
      }
      Long budget =
          client.getOptions().getDataConverter().fromPayload(budgetPayload, Long.class, Long.class);
      if (budget == null || budget <= 0) {
        return OptionalLong.empty();
      }
      RunState state =
          client.newUntypedWorkflowStub(runId).query(AgentWorkflow.STATE_QUERY, RunState.class);
      long used =
          state.steps().stream()
              .filter(s -> !s.id().equals(stepId))
              .map(StepState::usage)
              .mapToLong(u -> u.totalTokens())
              .sum();
      return OptionalLong.of(Math.max(0, budget - used));
    } catch (RuntimeException e) {
      log.debug("step {}: the run's token budget is not known here ({})", stepId, e.toString());
      return OptionalLong.empty();
    }
  }
}
