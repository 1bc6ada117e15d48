package io.agentstream.spring.sse;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * The SSE sessions open on this node, each on a thread of its own, and their end when the node
 * shuts down. An open stream is a request that never finishes by itself: left alone it would hold
 * the web server's graceful shutdown until its timeout and then be cut, or hang until the container
 * is killed. So on stop every session writes what it has queued, the server completes its response
 * cleanly, and the client reconnects with {@code Last-Event-ID}, to another node behind the load
 * balancer or to this one after its restart, and continues with the very next event.
 *
 * <p>Stops after the worker's drain (so the clients of a node that also runs steps see the drained
 * steps' last events from it) and before the web server's graceful shutdown, which then has no
 * stream to wait for. Streams asked for after the stop are refused with a 503 and {@code
 * Retry-After}, as at the node's stream cap.
 */
final class SseSessions implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SseSessions.class);

  /**
   * After the worker lifecycle ({@link SmartLifecycle#DEFAULT_PHASE}), before Spring Boot's web
   * server graceful shutdown ({@code DEFAULT_PHASE - 1024}).
   */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

  private final Set<SseSession> open = ConcurrentHashMap.newKeySet();
  private final SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("sse-");
  private final Duration grace;
  private volatile boolean running;

  /**
   * @param grace how long sessions get to end by themselves on stop before their responses are
   *     completed for them; a session notices the stop within its poll interval
   */
  SseSessions(Duration grace) {
    this.grace = grace;
    threads.setVirtualThreads(Runtime.version().feature() >= 21);
  }

  /** Whether new streams are taken: false once the node began shutting down. */
  boolean accepting() {
    return running;
  }

  /** Runs the session on a thread of its own until it ends. */
  void start(SseSession session) {
    open.add(session);
    if (!running) {
      // The stop began after this stream was admitted and may have missed it.
      session.end();
    }
    threads.execute(
        () -> {
          try {
            session.run();
          } finally {
            open.remove(session);
          }
        });
  }

  @Override
  public void start() {
    running = true;
  }

  /** Ends every open session and waits, at most the grace period, for them to be done. */
  @Override
  public void stop() {
    running = false;
    int ending = open.size();
    if (ending == 0) {
      return;
    }
    open.forEach(SseSession::end);
    long deadline = System.nanoTime() + grace.toNanos();
    try {
      while (!open.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int stuck = open.size();
    open.forEach(SseSession::completeNow);
    log.info(
        "Shutting down: ended {} SSE stream(s); clients resume with Last-Event-ID{}",
        ending,
        stuck == 0 ? "" : " (" + stuck + " completed after " + grace + ")");
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
