package io.agentstream.llm;

import dev.langchain4j.exception.NonRetriableException;
import io.agentstream.run.StepPolicy;
import io.temporal.failure.ApplicationFailure;

/**
 * The one place LLM errors become Temporal failures. Temporal is the only retry layer: errors that
 * will not get better (auth, bad request, unknown model) fail the step at once; rate limits, 5xx,
 * timeouts and cut connections are retried by Temporal's retry policy with backoff.
 */
public final class LlmFailures {

  /**
   * The failure type of a structured reply or a tool call that the model's output limit cut off: a
   * retry with the same limit would stop at the same place, so it is not retried.
   */
  public static final String REPLY_CUT_AT_MAX_TOKENS = "ModelReplyCutAtMaxTokens";

  private LlmFailures() {}

  /**
   * A reply cut off at the model's output limit before {@code what} was complete.
   *
   * @param limit the {@code max_tokens} the call was sent with, or null when none was sent
   * @param stepId the step whose call it was, for the setting to raise
   */
  public static ApplicationFailure cutAtMaxTokens(String what, Integer limit, String stepId) {
    String message =
        limit == null
            ? "the model stopped at its own output limit before "
                + what
                + " was complete; set a larger max_tokens for step "
                + stepId
                + " (agentstream.model.step-max-tokens."
                + stepId
                + ")"
            : "the model's reply reached max_tokens ("
                + limit
                + ") before "
                + what
                + " was complete, and a retry would stop there too; raise"
                + " agentstream.model.step-max-tokens."
                + stepId;
    return ApplicationFailure.newNonRetryableFailure(message, REPLY_CUT_AT_MAX_TOKENS);
  }

  public static ApplicationFailure toFailure(Throwable error) {
    String message = error.getClass().getSimpleName() + ": " + error.getMessage();
    if (error instanceof NonRetriableException) {
      return ApplicationFailure.newNonRetryableFailureWithCause(
          message, StepPolicy.NON_RETRYABLE_LLM_ERROR, error);
    }
    return ApplicationFailure.newFailureWithCause(message, "LlmUnavailable", error);
  }
}
