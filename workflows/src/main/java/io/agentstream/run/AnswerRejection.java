package io.agentstream.run;

/**
 * Failure types the answer validator rejects with, so callers can tell a conflict (nothing to
 * answer) from bad input without parsing messages.
 */
public final class AnswerRejection {
  /** No questions are pending, or they were already answered. */
  public static final String CONFLICT = "AnswersConflict";
  /** Unknown question id or empty answer. */
  public static final String INVALID = "InvalidAnswers";

  private AnswerRejection() {}
}
