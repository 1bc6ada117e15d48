package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The state of a run rebuilt from durable truth: the workflow's query result plus the latest
 * heartbeat checkpoints of running steps. Every live event with a sequence above {@code
 * lastEventId} may still be applied on top of it; the reducer's rules make repeats harmless.
 *
 * @param runId the run
 * @param agent the agent's name
 * @param status run status
 * @param currentStep the step running now, or null
 * @param steps every planned step, in order
 * @param questions questions waiting for answers (empty unless waiting)
 * @param answers answers in effect
 * @param result the agent's final result once completed, as JSON-friendly data
 * @param error failure message once failed
 * @param lastEventId the last event this snapshot covers; a client resumes after it
 * @param usage the tokens of the whole run: the sum of its steps' {@code usage}
 * @param tokenBudget the most tokens (input and output) the run may use, or null for no limit
 * @param stopReason why the run stopped early (cut its running steps short, skipped the rest), or
 *     null
 */
public record RunSnapshot(
    String runId,
    String agent,
    RunStatus status,
    String currentStep,
    List<StepSnapshot> steps,
    List<Question> questions,
    Map<String, String> answers,
    Object result,
    String error,
    long lastEventId,
    TokenUsage usage,
    Long tokenBudget,
    StopReason stopReason) {

  public RunSnapshot {
    steps = steps == null ? List.of() : List.copyOf(steps);
    questions = questions == null ? List.of() : List.copyOf(questions);
    answers = answers == null ? Map.of() : answers;
    usage = TokenUsage.orNone(usage);
  }

  /** A run without a token budget that has not stopped early. */
  public RunSnapshot(
      String runId,
      String agent,
      RunStatus status,
      String currentStep,
      List<StepSnapshot> steps,
      List<Question> questions,
      Map<String, String> answers,
      Object result,
      String error,
      long lastEventId) {
    this(
        runId,
        agent,
        status,
        currentStep,
        steps,
        questions,
        answers,
        result,
        error,
        lastEventId,
        steps == null
            ? TokenUsage.NONE
            : steps.stream().map(StepSnapshot::usage).reduce(TokenUsage.NONE, TokenUsage::plus),
        null,
        null);
  }

  /** The protocol version of this snapshot, so a client can tell what it talks to. */
  @JsonProperty(value = "protocolVersion", access = JsonProperty.Access.READ_ONLY)
  public int protocolVersion() {
    return ProtocolVersion.CURRENT;
  }

  @JsonIgnore
  public boolean isTerminal() {
    return status.isTerminal();
  }

  /** The same state covering a different last event. */
  public RunSnapshot coveringUpTo(long eventId) {
    return new RunSnapshot(
        runId,
        agent,
        status,
        currentStep,
        steps,
        questions,
        answers,
        result,
        error,
        eventId,
        usage,
        tokenBudget,
        stopReason);
  }
}
