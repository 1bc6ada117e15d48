package io.agentstream.spring.quota;

import java.time.Duration;

/**
 * A caller went over one of its quotas (429) or this node is at its stream cap (503). The message
 * names the limit and its setting; {@link #retryAfter()} goes into {@code Retry-After}.
 */
public final class QuotaExceededException extends RuntimeException {

  private final int status;
  private final Duration retryAfter;

  QuotaExceededException(int status, String message, Duration retryAfter) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  /** 429 for a caller's quota, 503 for the node's stream cap. */
  public int status() {
    return status;
  }

  /** When trying again may succeed, at least one second. */
  public Duration retryAfter() {
    return retryAfter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : retryAfter;
  }
}
