package io.agentstream.trip;

import io.agentstream.protocol.Question;
import io.agentstream.protocol.TokenUsage;
import io.agentstream.run.StepResult;
import java.util.List;

/**
 * The questions the model found the request leaves open (possibly none).
 *
 * @param cutShort the step was stopped (finish-now, cancel or the token budget) before the model's
 *     reply was whole, so there are no questions to ask
 * @param usage the tokens the step's model calls used, every attempt included
 */
public record ClarifyResult(List<Question> questions, boolean cutShort, TokenUsage usage) {
  public ClarifyResult {
    usage = TokenUsage.orNone(usage);
  }

  /** Whole questions, no token usage reported. */
  public ClarifyResult(List<Question> questions) {
    this(questions, false, TokenUsage.NONE);
  }

  /** The step's generic output: the questions are its items. */
  public StepResult toStepResult() {
    return new StepResult("", questions, cutShort, List.of(), usage);
  }
}
