package io.agentstream.llm;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
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
    String message = describe(error);
    if (error instanceof NonRetriableException) {
      return ApplicationFailure.newNonRetryableFailureWithCause(
          message, StepPolicy.NON_RETRYABLE_LLM_ERROR, error);
    }
    return ApplicationFailure.newFailureWithCause(message, "LlmUnavailable", error);
  }

  /**
   * What clients and operators are told of a failed model call ({@code step.retrying}, {@code
   * step.failed}): what went wrong in words, with the server's own message, never a class name.
   */
  static String describe(Throwable error) {
    String detail =
        error.getMessage() == null || error.getMessage().isBlank() ? "" : ": " + error.getMessage();
    return what(error) + detail;
  }

  private static String what(Throwable error) {
    if (error instanceof RateLimitException) {
      return "the model server is rate limiting requests";
    }
    if (error instanceof AuthenticationException) {
      return "the model server refused the API key";
    }
    if (error instanceof ModelNotFoundException) {
      return "the model server does not know the model";
    }
    if (error instanceof ContentFilteredException) {
      return "the model server's content filter refused the reply";
    }
    if (error instanceof InvalidRequestException) {
      return "the model server refused the request";
    }
    if (error instanceof TimeoutException) {
      return "the model server did not answer in time";
    }
    if (error instanceof InternalServerException) {
      return "the model server failed";
    }
    if (error instanceof HttpException http) {
      return "the model server answered HTTP " + http.statusCode();
    }
    return "the model call failed";
  }
}
