package io.agentstream.trip;

import io.agentstream.protocol.Question;
import io.agentstream.protocol.TokenUsage;
import io.agentstream.run.StepResult;
import java.util.List;

/**
 * The questions the model found the request leaves open (possibly none).
 *
 * @param usage the tokens the step's model calls used, every attempt included
 */
public record ClarifyResult(List<Question> questions, TokenUsage usage) {
  public ClarifyResult {
    usage = TokenUsage.orNone(usage);
  }

  /** A result that reports no token usage. */
  public ClarifyResult(List<Question> questions) {
    this(questions, TokenUsage.NONE);
  }

  /** The step's generic output: the questions are its items. */
  public StepResult toStepResult() {
    return new StepResult("", questions, false, List.of(), usage);
  }
}
