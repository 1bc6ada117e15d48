package io.agentstream.run;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;

/**
 * The message contract every agent workflow shares, so the API and the stream code can drive any
 * agent without knowing it. An agent's own workflow interface extends this one and adds its
 * {@code @WorkflowMethod}. Cancel is Temporal's own workflow cancellation.
 */
public interface AgentWorkflow {

  String STATE_QUERY = "state";
  String ANSWER_UPDATE = "answer";
  String FINISH_NOW_SIGNAL = "finishNow";

  /**
   * The memo key of a run's token budget (a {@code Long}, input and output tokens together), set
   * when the run is started; absent or not positive means no limit. See {@link RunTracker}.
   */
  String TOKEN_BUDGET_MEMO = "agentstream.tokenBudget";

  /** Step-level state of the run: the durable half of every snapshot. */
  @QueryMethod(name = STATE_QUERY)
  RunState state();

  /** Answers the pending clarifying questions; rejected by {@link #validateAnswer} first. */
  @UpdateMethod(name = ANSWER_UPDATE)
  AnswerReceipt answer(Answers answers);

  /**
   * Rejects answers that cannot be applied (no pending questions, already answered, unknown
   * question id, empty answer) before anything is written to history.
   */
  @UpdateValidatorMethod(updateName = ANSWER_UPDATE)
  void validateAnswer(Answers answers);

  /**
   * The escape hatch: the running steps stop and keep what they have, the remaining steps are
   * skipped and the agent goes straight on to its final step.
   */
  @SignalMethod(name = FINISH_NOW_SIGNAL)
  void finishNow();
}
