package io.agentstream.stream;

import io.agentstream.protocol.EventCodec;
import io.agentstream.protocol.RunEvent;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's one reader of a run's stream: a thread in a blocking {@code XREAD} on its own
 * connection (a blocking read would stall every other command multiplexed on a shared one), fanning
 * each event out to all of the node's subscribers of the run. A thousand browser tabs on one run
 * cost one Redis read loop.
 *
 * <p>The loop owns all delivery. Each pass it reads after the lowest cursor among its subscribers
 * and hands every subscriber what lies after its own cursor (see {@link RunSubscriber}). A newcomer
 * whose cursor is behind the read in flight wakes the loop ({@code CLIENT UNBLOCK}), so its replay
 * starts at once instead of after the block timeout.
 *
 * <p>When Redis fails the loop retries with backoff; once back it first rechecks every cursor
 * against the stream (it may be gone), then resumes from the cursors it had.
 */
final class RunReader implements Runnable {

  static final Duration BLOCK = Duration.ofSeconds(5);
  private static final int BATCH = 500;
  private static final long NOT_READING = Long.MAX_VALUE;
  private static final long MIN_BACKOFF_MS = 100;
  private static final long MAX_BACKOFF_MS = 2_000;
  private static final Logger log = LoggerFactory.getLogger(RunReader.class);

  private final String runId;
  private final RunKeys keys;
  private final RedisLink<StatefulRedisConnection<String, String>> link;
  private final EventCodec json;
  private final Availability availability;
  private final Thread thread;
  private final Object lock = new Object();
  private final List<RunSubscriber> subscribers = new ArrayList<>();
  private long readingFrom = NOT_READING;
  private volatile long clientId = -1;
  private volatile boolean stopped;

  /**
   * @param connect opens this reader's own connection; its command timeout must exceed {@link
   *     #BLOCK}
   */
  RunReader(
      String runId,
      Supplier<StatefulRedisConnection<String, String>> connect,
      Duration reconnectInterval,
      EventCodec json,
      Availability availability) {
    this.runId = runId;
    this.keys = RunKeys.of(runId);
    this.link = new RedisLink<>(connect, c -> clientId = c.sync().clientId(), reconnectInterval);
    this.json = json;
    this.availability = availability;
    this.thread = new Thread(this, "redis-stream-" + runId);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  void add(RunSubscriber subscriber) {
    synchronized (lock) {
      subscribers.add(subscriber);
      lock.notifyAll();
    }
  }

  /**
   * @return true when no subscriber is left
   */
  boolean remove(RunSubscriber subscriber) {
    synchronized (lock) {
      subscribers.remove(subscriber);
      return subscribers.isEmpty();
    }
  }

  /**
   * True while a blocking read is in flight that cannot serve {@code subscriber}: it has not been
   * admitted yet, or it is behind the read's position.
   */
  boolean mustWakeFor(RunSubscriber subscriber) {
    synchronized (lock) {
      return readingFrom != NOT_READING
          && (!subscriber.isAdmitted() || subscriber.cursor() < readingFrom);
    }
  }

  /** The Redis {@code CLIENT ID} of the reading connection, or -1 before it is connected. */
  long clientId() {
    return clientId;
  }

  /** Ends the loop; closing the connection aborts a read in flight. */
  void stop() {
    stopped = true;
    synchronized (lock) {
      lock.notifyAll();
    }
    link.close();
  }

  /** Waits briefly for the thread to end (on shutdown). */
  void awaitStop(Duration timeout) throws InterruptedException {
    thread.join(timeout.toMillis());
  }

  @Override
  public void run() {
    long backoff = MIN_BACKOFF_MS;
    boolean recovering = false;
    try {
      while (!stopped) {
        try {
          RedisCommands<String, String> redis = link.get().sync();
          if (recovering) {
            recheck(redis);
            recovering = false;
          }
          admitPending(redis);
          Batch batch = read(redis);
          availability.succeeded();
          backoff = MIN_BACKOFF_MS;
          deliver(batch);
        } catch (RuntimeException e) {
          if (stopped) {
            break;
          }
          availability.failed(e);
          log.debug("run {}: stream read failed, retrying in {} ms", runId, backoff, e);
          link.reset();
          recovering = true;
          Thread.sleep(backoff);
          backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      link.close();
    }
  }

  /** What one {@code XREAD} returned, and the position it read after. */
  private record Batch(long after, List<StreamMessage<String, String>> messages) {}

  private Batch read(RedisCommands<String, String> redis) throws InterruptedException {
    long from;
    synchronized (lock) {
      from = lowestCursor();
      if (from == NOT_READING) {
        lock.wait(BLOCK.toMillis());
        return new Batch(0, List.of());
      }
      readingFrom = from;
    }
    try {
      List<StreamMessage<String, String>> messages =
          redis.xread(
              XReadArgs.Builder.block(BLOCK).count(BATCH),
              XReadArgs.StreamOffset.from(keys.events(), RunKeys.entryId(from)));
      return new Batch(from, messages == null ? List.of() : messages);
    } finally {
      synchronized (lock) {
        readingFrom = NOT_READING;
      }
    }
  }

  /**
   * Hands the batch to every subscriber the read covers. One that joined behind the read's position
   * (its cursor is lower) gets nothing now: the next read starts at its cursor.
   */
  private void deliver(Batch batch) {
    if (batch.messages().isEmpty()) {
      return;
    }
    List<RunSubscriber> targets = admittedSubscribers();
    targets.removeIf(s -> s.cursor() < batch.after());
    for (StreamMessage<String, String> message : batch.messages()) {
      RunEvent event;
      try {
        event = json.read(message.getBody().get("e"));
      } catch (RuntimeException e) {
        // Skipped: the next event is then not contiguous, so every subscriber resyncs.
        log.warn("run {}: unreadable stream entry {} skipped", runId, message.getId(), e);
        continue;
      }
      for (RunSubscriber subscriber : targets) {
        subscriber.deliver(event);
      }
    }
  }

  private void admitPending(RedisCommands<String, String> redis) {
    List<RunSubscriber> pending = new ArrayList<>();
    synchronized (lock) {
      for (RunSubscriber s : subscribers) {
        if (!s.isAdmitted()) {
          pending.add(s);
        }
      }
    }
    if (pending.isEmpty()) {
      return;
    }
    StreamPosition position = StreamPosition.read(redis, keys);
    pending.forEach(s -> s.admit(position));
  }

  private void recheck(RedisCommands<String, String> redis) {
    StreamPosition position = StreamPosition.read(redis, keys);
    admittedSubscribers().forEach(s -> s.recheck(position));
  }

  private List<RunSubscriber> admittedSubscribers() {
    synchronized (lock) {
      List<RunSubscriber> admitted = new ArrayList<>(subscribers.size());
      for (RunSubscriber s : subscribers) {
        if (s.isAdmitted() && !s.isClosed()) {
          admitted.add(s);
        }
      }
      return admitted;
    }
  }

  private long lowestCursor() {
    long lowest = NOT_READING;
    for (RunSubscriber s : subscribers) {
      if (s.isAdmitted() && !s.isClosed()) {
        lowest = Math.min(lowest, s.cursor());
      }
    }
    return lowest;
  }
}
