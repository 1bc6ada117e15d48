package io.agentstream.run;

import io.agentstream.protocol.Question;
import io.agentstream.protocol.RunSnapshot;
import io.agentstream.protocol.RunStatus;
import io.agentstream.protocol.StopReason;
import io.agentstream.protocol.TokenUsage;
import java.util.List;
import java.util.Map;

/**
 * What the {@link AgentWorkflow#STATE_QUERY} query returns: the durable, step-level state of a run.
 *
 * @param agent the agent name
 * @param status run status
 * @param currentStep id of the step running now, or null
 * @param steps every step, in order, including pending ones
 * @param questions questions waiting for answers (empty unless waiting)
 * @param answers answers in effect (given or defaulted)
 * @param result the agent's typed final result once completed
 * @param error failure message once failed
 * @param lastPublishedSeq the highest live-channel sequence of a transition this state already
 *     reflects; snapshots never claim to cover more than this
 * @param tokenBudget the most tokens the run may use, or null for no limit
 * @param stopReason why the run stopped early, or null
 */
public record RunState(
    String agent,
    RunStatus status,
    String currentStep,
    List<StepState> steps,
    List<Question> questions,
    Map<String, String> answers,
    Object result,
    String error,
    long lastPublishedSeq,
    Long tokenBudget,
    StopReason stopReason) {

  /** The tokens of the whole run: the sum of its steps' usage. */
  public TokenUsage usage() {
    return steps.stream().map(StepState::usage).reduce(TokenUsage.NONE, TokenUsage::plus);
  }

  /** This state as clients see it, covering events up to {@code lastEventId}. */
  public RunSnapshot toSnapshot(String runId, long lastEventId) {
    return new RunSnapshot(
        runId,
        agent,
        status,
        currentStep,
        steps.stream().map(StepState::toSnapshot).toList(),
        questions,
        answers,
        result,
        error,
        lastEventId,
        usage(),
        tokenBudget,
        stopReason);
  }
}
