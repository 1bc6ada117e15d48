package io.agentstream.stream;

import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Redis answered the last time anyone asked. Every failing command reports here, but only
 * the change from up to down (and back) is logged: during an outage each token of each step would
 * otherwise log a line.
 */
final class Availability {

  private static final Logger log = LoggerFactory.getLogger(RedisStreamChannel.class);

  /** null while available, else why not. */
  private final AtomicReference<String> problem = new AtomicReference<>();

  void succeeded() {
    String was = problem.getAndSet(null);
    if (was != null) {
      log.info("Redis live channel is available again; live events flow again");
    }
  }

  void failed(Throwable cause) {
    if (cause instanceof RedisLink.RetryLater) {
      return;
    }
    String reason = describe(cause);
    if (problem.getAndSet(reason) == null) {
      log.warn(
          "Redis live channel is unavailable ({}); steps go on without live events and clients resync"
              + " from snapshots. Logged once until it is back.",
          reason);
    }
  }

  boolean isAvailable() {
    return problem.get() == null;
  }

  /** Why the channel is unavailable, or null. */
  String problem() {
    return problem.get();
  }

  private static String describe(Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    return root == cause ? message : cause.getClass().getSimpleName() + ": " + message;
  }
}
