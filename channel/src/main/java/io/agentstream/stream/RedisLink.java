package io.agentstream.stream;

import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulConnection;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One Redis connection, opened on first use and opened again after it broke. The client runs
 * without Lettuce's auto-reconnect so a dead Redis fails commands at once instead of queueing them
 * (a step must never wait on the live channel), and a reconnect is tried at most once per {@code
 * retryInterval} so an outage costs callers a failed check, not a connect timeout each.
 */
final class RedisLink<C extends StatefulConnection<String, String>> implements AutoCloseable {

  private final Supplier<C> connector;
  private final Consumer<C> onConnect;
  private final long retryIntervalNanos;
  private C connection;
  private long lastFailure;
  private boolean failedBefore;
  private boolean closed;

  /**
   * @param connector opens a connection (may throw)
   * @param onConnect runs on each new connection before it is handed out (may throw)
   */
  RedisLink(Supplier<C> connector, Consumer<C> onConnect, Duration retryInterval) {
    this.connector = connector;
    this.onConnect = onConnect;
    this.retryIntervalNanos = retryInterval.toNanos();
  }

  /** The open connection; throws a {@link RedisConnectionException} when there is none now. */
  synchronized C get() {
    if (closed) {
      throw new RedisConnectionException("channel closed");
    }
    if (connection != null && connection.isOpen()) {
      return connection;
    }
    drop();
    if (failedBefore && System.nanoTime() - lastFailure < retryIntervalNanos) {
      throw new RetryLater();
    }
    C fresh = null;
    try {
      fresh = connector.get();
      onConnect.accept(fresh);
      connection = fresh;
      failedBefore = false;
      return fresh;
    } catch (RuntimeException e) {
      if (fresh != null) {
        fresh.closeAsync();
      }
      failedBefore = true;
      lastFailure = System.nanoTime();
      throw e;
    }
  }

  /** True when a connection is open right now (opens none). */
  synchronized boolean isOpen() {
    return connection != null && connection.isOpen();
  }

  /** Drops the current connection, e.g. after a timeout left it in an unknown state. */
  synchronized void reset() {
    drop();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }

  private void drop() {
    if (connection != null) {
      connection.closeAsync();
      connection = null;
    }
  }

  /**
   * Thrown instead of connecting while the last attempt is recent: it says nothing new about Redis,
   * so it does not change the channel's availability.
   */
  static final class RetryLater extends RedisConnectionException {
    RetryLater() {
      super("Redis unreachable; next attempt shortly");
    }
  }
}
