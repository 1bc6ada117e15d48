package io.agentstream.spring.quota;

import java.time.Duration;

/**
 * A caller went over one of its quotas (429), or this node is at its stream cap or shutting down
 * (503). The message names the limit and its setting; {@link #retryAfter()} goes into {@code
 * Retry-After}.
 */
public final class QuotaExceededException extends RuntimeException {

  private final int status;
  private final Duration retryAfter;

  QuotaExceededException(int status, String message, Duration retryAfter) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  /**
   * 503: this node is shutting down and opens no new stream; the client reconnects, to another node
   * or to this one after its restart.
   */
  public static QuotaExceededException nodeShuttingDown() {
    return new QuotaExceededException(
        503,
        "this node is shutting down and opens no new streams; reconnect with Last-Event-ID (another"
            + " node, or this one after its restart, continues the stream)",
        Duration.ofSeconds(1));
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
