package io.agentstream.run;

import io.temporal.failure.ApplicationFailure;
import java.util.Optional;

/**
 * Why the answer validator rejected an update: a conflict (nothing to answer) or invalid input. The
 * SDK re-wraps validator exceptions and keeps only their message, so the kind travels as a {@code
 * [Kind]} prefix of the message and {@link #find} reads it back on the client side.
 *
 * @param kind {@link #CONFLICT} or {@link #INVALID}
 * @param reason what was wrong, for people
 */
public record AnswerRejection(String kind, String reason) {
  /** No questions are pending, or they were already answered. */
  public static final String CONFLICT = "AnswersConflict";

  /** Unknown question id or empty answer. */
  public static final String INVALID = "InvalidAnswers";

  static ApplicationFailure conflict(String reason) {
    return ApplicationFailure.newFailure("[" + CONFLICT + "] " + reason, CONFLICT);
  }

  static ApplicationFailure invalid(String reason) {
    return ApplicationFailure.newFailure("[" + INVALID + "] " + reason, INVALID);
  }

  /** Finds the validator's rejection in a failed update's cause chain. */
  public static Optional<AnswerRejection> find(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure af && af.getOriginalMessage() != null) {
        for (String kind : new String[] {CONFLICT, INVALID}) {
          String prefix = "[" + kind + "] ";
          if (af.getOriginalMessage().startsWith(prefix)) {
            return Optional.of(
                new AnswerRejection(kind, af.getOriginalMessage().substring(prefix.length())));
          }
        }
      }
    }
    return Optional.empty();
  }
}
