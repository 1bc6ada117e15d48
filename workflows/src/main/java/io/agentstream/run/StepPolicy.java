package io.agentstream.run;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Timeouts and retries for agent steps, handed to workflow implementations by the worker wiring so
 * they are configurable without touching workflow code.
 *
 * @param startToCloseTimeout longest a single attempt may run
 * @param heartbeatTimeout how soon a dead worker is noticed; steps heartbeat well within it
 * @param initialRetryInterval first backoff after a failed attempt
 * @param maxRetryInterval backoff cap
 * @param maxAttempts attempts before the step fails (0 = unlimited)
 */
public record StepPolicy(
    Duration startToCloseTimeout,
    Duration heartbeatTimeout,
    Duration initialRetryInterval,
    Duration maxRetryInterval,
    int maxAttempts) {

  /** Errors that will not get better on retry (auth, bad request): Temporal does not retry them. */
  public static final String NON_RETRYABLE_LLM_ERROR = "NonRetryableLlmError";

  /**
   * Options for one step. Cancellation waits for the activity to finish so a step stopped by
   * finish-now can still hand back its partial output as its result.
   */
  public ActivityOptions activityOptions(String summary) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToCloseTimeout)
        .setHeartbeatTimeout(heartbeatTimeout)
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setSummary(summary)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(initialRetryInterval)
                .setMaximumInterval(maxRetryInterval)
                .setBackoffCoefficient(2.0)
                .setMaximumAttempts(maxAttempts)
                .setDoNotRetry(NON_RETRYABLE_LLM_ERROR)
                .build())
        .build();
  }
}
