package io.agentstream.stream;

import io.agentstream.protocol.RunEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listener of a run on this node, with its own cursor. The cursor is what makes the hand-over
 * from replay to live delivery exact: the run's reader re-reads from the lowest cursor it serves,
 * and each subscriber takes only what lies after its own, so a newcomer's replay and everyone
 * else's live events come from the same read loop without a gap or a duplicate.
 *
 * <p>Sequences of a run are contiguous (a refused append takes no number, and an append lost while
 * Redis was away leaves a hole on purpose), so an event that is not {@code cursor + 1} means events
 * were trimmed or lost in between: the listener gets {@code onGap()} before it.
 *
 * <p>Before it is registered the subscriber is touched only by the subscribing thread; afterwards
 * only by its run's reader thread, so the listener is never called concurrently.
 */
final class RunSubscriber {

  private static final Logger log = LoggerFactory.getLogger(RunSubscriber.class);

  private final String runId;
  private final StreamListener listener;
  private final long afterSeq;
  private volatile boolean admitted;
  private volatile long cursor;
  private boolean anchored;
  private volatile boolean closed;

  RunSubscriber(String runId, StreamListener listener, long afterSeq) {
    this.runId = runId;
    this.listener = listener;
    this.afterSeq = afterSeq;
  }

  /** Decides where delivery starts, telling the listener first if that is not where it asked. */
  void admit(StreamPosition position) {
    StreamPosition.Start start = position.startAfter(afterSeq);
    if (start.gap()) {
      gap();
    }
    cursor = start.cursor();
    anchored = start.anchored();
    admitted = true;
  }

  /**
   * Checks the cursor against the stream after Redis was unreachable: if the run's stream is gone
   * (Redis lost it or it expired) or was restarted below the cursor, the listener resyncs and then
   * takes whatever the run gets next.
   */
  void recheck(StreamPosition position) {
    if (!admitted || !anchored) {
      return;
    }
    if (!position.isKnown()) {
      gap();
      cursor = 0;
      anchored = false;
    } else if (cursor > position.head()) {
      gap();
      cursor = (position.oldest() > 0 ? position.oldest() : position.head() + 1) - 1;
    }
  }

  void deliver(RunEvent event) {
    if (closed || event.seq() <= cursor) {
      return;
    }
    if (anchored && event.seq() != cursor + 1) {
      gap();
    }
    cursor = event.seq();
    anchored = true;
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      log.warn("run {}: a stream listener failed on event {}", runId, event.seq(), e);
    }
  }

  boolean isAdmitted() {
    return admitted;
  }

  /** The last sequence this subscriber has (or counts as) delivered. */
  long cursor() {
    return cursor;
  }

  void close() {
    closed = true;
  }

  boolean isClosed() {
    return closed;
  }

  private void gap() {
    if (closed) {
      return;
    }
    try {
      listener.onGap();
    } catch (RuntimeException e) {
      log.warn("run {}: a stream listener failed on a gap", runId, e);
    }
  }
}
