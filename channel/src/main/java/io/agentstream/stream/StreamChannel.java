package io.agentstream.stream;

import io.agentstream.protocol.EventDraft;

/**
 * The live channel: per-run streams of events with strictly increasing sequence numbers. It is an
 * accelerator, never the truth: everything on it can be rebuilt from a snapshot of the durable
 * state (workflow query plus heartbeat checkpoints), so implementations may trim and expire.
 *
 * <p>Appends are fenced per step: once a step has an event from attempt {@code n}, events from
 * attempts below {@code n} are refused, so a stale worker that wakes up late cannot corrupt the
 * stream. Events the workflow publishes (attempt 0) are never fenced.
 *
 * <p>Sequences of a run are consecutive (a refused append takes none), so a subscriber can tell a
 * missing event from a late one; an implementation that lost an event may skip a sequence on
 * purpose, so that its subscribers resync.
 *
 * <p>Every implementation passes the same contract test ({@code StreamChannelContract} in this
 * module's tests): ordering, sequences, fencing, resume points and gaps, trimming, end of stream.
 */
public interface StreamChannel {

  /** {@link #append} result: the event came from an attempt older than one already seen. */
  long REFUSED = -1;

  /** {@link #append} result: the channel could not take the event right now. */
  long UNAVAILABLE = -2;

  /**
   * Appends an event.
   *
   * @return the assigned sequence, {@link #REFUSED} for a stale attempt, or {@link #UNAVAILABLE};
   *     callers never fail because of the channel
   */
  long append(EventDraft draft);

  /**
   * Delivers every retained event after {@code afterSeq}, in order, then live events until closed.
   * Replay and the switch to live delivery have no gap and no duplicate. When the channel cannot
   * resume exactly there (trimmed, above the head, from before the run's stream began, or a run it
   * does not know) the listener gets {@link StreamListener#onGap()} first, then what the channel
   * still has. One subscription's listener is never called concurrently, and a listener that throws
   * harms neither the appender nor other subscriptions.
   */
  Subscription subscribe(String runId, long afterSeq, StreamListener listener);

  /**
   * The last sequence assigned for the run (after its terminal event, that event's), or 0 if the
   * channel knows none.
   */
  long head(String runId);

  /**
   * False while the channel cannot deliver live events (its backing store is unreachable).
   * Subscribers then fall back to polling snapshots of the durable state.
   */
  default boolean isAvailable() {
    return true;
  }

  /** A handle that ends a subscription. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
