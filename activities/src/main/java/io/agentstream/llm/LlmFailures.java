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

  private LlmFailures() {}

  public static ApplicationFailure toFailure(Throwable error) {
    String message = error.getClass().getSimpleName() + ": " + error.getMessage();
    if (error instanceof NonRetriableException) {
      return ApplicationFailure.newNonRetryableFailureWithCause(
          message, StepPolicy.NON_RETRYABLE_LLM_ERROR, error);
    }
    return ApplicationFailure.newFailureWithCause(message, "LlmUnavailable", error);
  }
}
