package io.agentstream.stream;

import io.agentstream.protocol.EventDraft;
import io.agentstream.protocol.RunEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live channel inside one JVM: the default for the one-command mode, where the API and the
 * worker share a process. Each run keeps a bounded window of recent events; finished runs are
 * dropped after a retention period, and so are runs that never finish (a workflow terminated from
 * the Temporal UI, say) once they have been idle for {@code idleRetention}, as Redis expires them,
 * so that the heap does not grow with every run the process has ever seen. A run someone still
 * listens to is never dropped.
 *
 * <p>Sequences start from the wall clock in microseconds when a run is first seen, so ids keep
 * increasing across a restart of the process and a client holding an id from before the restart is
 * recognised as "too old" and resynced instead of silently skipping.
 *
 * <p>Listeners are called on the appending thread while it holds the run's lock, which keeps each
 * subscription's calls in order and never concurrent; a listener that throws is logged and skipped,
 * so neither the appender nor the run's other listeners suffer from it.
 */
public final class InMemoryStreamChannel implements StreamChannel {

  private static final Logger log = LoggerFactory.getLogger(InMemoryStreamChannel.class);

  private final int maxEventsPerRun;
  private final Duration retentionAfterEnd;
  private final Duration idleRetention;
  private final Clock clock;
  private final Map<String, RunStream> runs = new ConcurrentHashMap<>();
  private volatile long lastSweep;

  /**
   * @param maxEventsPerRun events kept per run; older ones are dropped and a client resuming before
   *     them resyncs from a snapshot
   * @param retentionAfterEnd how long a run stays after its terminal event, for late reconnects
   * @param idleRetention how long a run that never finishes stays after its last event
   * @param clock the time retention is measured on
   */
  public InMemoryStreamChannel(
      int maxEventsPerRun, Duration retentionAfterEnd, Duration idleRetention, Clock clock) {
    this.maxEventsPerRun = maxEventsPerRun;
    this.retentionAfterEnd = retentionAfterEnd;
    this.idleRetention = idleRetention;
    this.clock = clock;
  }

  /** As the Redis channel's defaults: 100,000 events, 30 minutes after the end, 24 hours idle. */
  public InMemoryStreamChannel(int maxEventsPerRun, Duration retentionAfterEnd, Clock clock) {
    this(maxEventsPerRun, retentionAfterEnd, Duration.ofHours(24), clock);
  }

  public InMemoryStreamChannel() {
    this(100_000, Duration.ofMinutes(30), Clock.systemUTC());
  }

  @Override
  public long append(EventDraft draft) {
    expireFinished();
    RunStream stream =
        runs.computeIfAbsent(draft.runId(), id -> new RunStream(clock.millis() * 1000));
    synchronized (stream) {
      if (draft.step() != null && draft.attempt() > 0) {
        int current = stream.attempts.getOrDefault(draft.step(), 0);
        if (draft.attempt() < current) {
          return REFUSED;
        }
        stream.attempts.put(draft.step(), draft.attempt());
      }
      RunEvent event = RunEvent.of(draft, ++stream.head, clock.millis());
      stream.lastActivity = event.ts();
      stream.events.addLast(event);
      if (stream.events.size() > maxEventsPerRun) {
        stream.events.removeFirst();
      }
      if (event.isTerminal()) {
        stream.endedAt = clock.millis();
      }
      for (StreamListener listener : stream.listeners) {
        deliver(listener, event);
      }
      return event.seq();
    }
  }

  @Override
  public Subscription subscribe(String runId, long afterSeq, StreamListener listener) {
    RunStream stream = runs.computeIfAbsent(runId, id -> new RunStream(clock.millis() * 1000));
    synchronized (stream) {
      stream.lastActivity = clock.millis();
      RunEvent oldest = stream.events.peekFirst();
      long firstRetained = oldest == null ? stream.head + 1 : oldest.seq();
      boolean fromStart = afterSeq <= 0 && firstRetained == stream.base + 1;
      boolean exact = afterSeq <= stream.head && (fromStart || afterSeq >= firstRetained - 1);
      if (!exact) {
        try {
          listener.onGap();
        } catch (RuntimeException e) {
          log.warn("run {}: a stream listener failed on a gap", runId, e);
        }
      }
      for (RunEvent event : stream.events) {
        if (event.seq() > afterSeq || !exact) {
          deliver(listener, event);
        }
      }
      stream.listeners.add(listener);
    }
    return () -> stream.listeners.remove(listener);
  }

  /** 0 also for a run that only has subscribers so far: it has no sequence yet. */
  @Override
  public long head(String runId) {
    RunStream stream = runs.get(runId);
    if (stream == null) {
      return 0;
    }
    synchronized (stream) {
      return stream.head == stream.base ? 0 : stream.head;
    }
  }

  private static void deliver(StreamListener listener, RunEvent event) {
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      log.warn("run {}: a stream listener failed on event {}", event.runId(), event.seq(), e);
    }
  }

  private void expireFinished() {
    long now = clock.millis();
    if (now - lastSweep < 10_000) {
      return;
    }
    lastSweep = now;
    long ended = now - retentionAfterEnd.toMillis();
    long idle = now - idleRetention.toMillis();
    runs.values()
        .removeIf(
            s ->
                s.listeners.isEmpty()
                    && ((s.endedAt > 0 && s.endedAt < ended) || s.lastActivity < idle));
  }

  private static final class RunStream {
    final long base;
    long head;
    long endedAt;
    long lastActivity;
    final ArrayDeque<RunEvent> events = new ArrayDeque<>();
    final Map<String, Integer> attempts = new HashMap<>();
    final List<StreamListener> listeners = new CopyOnWriteArrayList<>();

    RunStream(long base) {
      this.base = base;
      this.head = base;
    }
  }
}
