package io.agentstream.trip;

import io.agentstream.protocol.Question;
import java.util.List;

/**
 * The questions the model found the request leaves open (possibly none).
 *
 * @param cutShort the step was stopped (finish-now or cancel) before the model's reply was whole,
 *     so there are no questions to ask
 */
public record ClarifyResult(List<Question> questions, boolean cutShort) {

  public ClarifyResult(List<Question> questions) {
    this(questions, false);
  }
}
