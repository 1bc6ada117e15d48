package io.agentstream.spring.sse;

import io.agentstream.protocol.EventCodec;
import io.agentstream.protocol.EventPayload;
import io.agentstream.protocol.RunCancelled;
import io.agentstream.protocol.RunCompleted;
import io.agentstream.protocol.RunEvent;
import io.agentstream.protocol.RunFailed;
import io.agentstream.protocol.RunSnapshot;
import io.agentstream.protocol.RunStarted;
import io.agentstream.protocol.StepToken;
import io.agentstream.spring.run.SnapshotBuilder;
import io.agentstream.spring.sse.SseMeters.Resync;
import io.agentstream.step.LogContext;
import io.agentstream.stream.StreamChannel;
import io.agentstream.stream.StreamListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's event stream. The channel hands events to a bounded backlog without ever blocking;
 * this session's own thread writes them to the client. A client that falls more than {@code
 * maxBacklog} events behind loses its backlog and gets a fresh snapshot instead, so a slow client
 * never slows the run or anyone else, and never silently misses anything.
 *
 * <p>Counted in {@link SseMeters}: open from construction to {@link #close()}, every resync by its
 * cause, every backlog overflow and every {@code step.token} written. Its log lines carry the run
 * id in the MDC.
 */
final class SseSession implements StreamListener, Runnable {

  private static final Logger log = LoggerFactory.getLogger(SseSession.class);

  /** At most this many queued events go out in one write. */
  private static final int MAX_BATCH = 256;

  private static final MediaType UTF8_TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

  /**
   * How the session starts: with a snapshot, by resuming after a known event, or by replaying the
   * live channel from the run's first event when it still holds it.
   */
  sealed interface Start permits Start.FromSnapshot, Start.Resume, Start.FromRunStart {
    record FromSnapshot(RunSnapshot snapshot) implements Start {}

    record Resume(long afterSeq, RunSnapshot fallback) implements Start {}

    /**
     * Replays the channel from the run's first event, {@code run.started}, which is sent as the
     * snapshot, so a client connecting to a running run needs no workflow query (a worker round
     * trip that grows slow exactly when the system is busy). Falls back to a query-built snapshot
     * when the channel no longer holds the start, or when no {@code run.started} arrives within
     * {@code patience} (no worker yet, or a run from before that event existed).
     */
    record FromRunStart(Duration patience) implements Start {}
  }

  private final String runId;
  private final SseEmitter emitter;
  private final Start start;
  private final SnapshotBuilder snapshots;
  private final StreamChannel channel;
  private final EventCodec json = EventCodec.json();
  private final Duration keepAlive;
  private final Duration pollInterval;
  private final int maxBacklog;
  private final SseMeters meters;
  private final AtomicBoolean countedOpen = new AtomicBoolean(true);
  private final LinkedBlockingQueue<RunEvent> backlog = new LinkedBlockingQueue<>();
  private final AtomicInteger backlogSize = new AtomicInteger();

  private volatile boolean overflowed;
  private volatile boolean gap;
  private volatile boolean closed;
  private volatile boolean ending;
  private boolean polling;
  private boolean awaitingRunStart;
  private long runStartDeadline;
  private String lastPolled;
  private long lastResync;
  private long lastSent = System.nanoTime();
  private StreamChannel.Subscription subscription;

  SseSession(
      String runId,
      SseEmitter emitter,
      Start start,
      SnapshotBuilder snapshots,
      StreamChannel channel,
      Duration keepAlive,
      Duration pollInterval,
      int maxBacklog,
      SseMeters meters) {
    this.runId = runId;
    this.emitter = emitter;
    this.start = start;
    this.snapshots = snapshots;
    this.channel = channel;
    this.keepAlive = keepAlive;
    this.pollInterval = pollInterval;
    this.maxBacklog = maxBacklog;
    this.meters = meters;
    meters.opened();
    emitter.onCompletion(this::close);
    emitter.onTimeout(this::close);
    emitter.onError(e -> close());
  }

  @Override
  public void onEvent(RunEvent event) {
    if (overflowed || closed) {
      return;
    }
    if (backlogSize.incrementAndGet() > maxBacklog) {
      overflowed = true;
      meters.overflowed();
      return;
    }
    backlog.offer(event);
  }

  @Override
  public void onGap() {
    gap = true;
  }

  @Override
  public void run() {
    try (LogContext ignored = LogContext.ofRun(runId)) {
      stream();
    }
  }

  private void stream() {
    try {
      boolean finished = begin();
      while (!finished && !closed) {
        if (ending) {
          endForShutdown();
          return;
        }
        if (!channel.isAvailable()) {
          finished = pollDurableState();
          continue;
        }
        if (polling) {
          log.info("run {}: live channel is back; resyncing with a snapshot", runId);
          polling = false;
          meters.resynced(Resync.CHANNEL_BACK);
          finished = sendSnapshotAndSubscribe(snapshots.build(runId));
          continue;
        }
        if (overflowed) {
          log.info(
              "run {}: subscriber fell {} events behind; resyncing it with a snapshot",
              runId,
              maxBacklog);
          meters.resynced(Resync.OVERFLOW);
          finished = sendSnapshotAndSubscribe(snapshots.build(runId));
          continue;
        }
        if (gap && System.nanoTime() - lastResync > pollInterval.toNanos()) {
          log.info("run {}: the live channel lost events; resyncing with a snapshot", runId);
          meters.resynced(Resync.GAP);
          finished = sendSnapshotAndSubscribe(snapshots.build(runId));
          continue;
        }
        RunEvent event =
            backlog.poll(
                Math.min(keepAlive.toMillis(), pollInterval.toMillis()), TimeUnit.MILLISECONDS);
        if (awaitingRunStart && (event != null || System.nanoTime() > runStartDeadline)) {
          awaitingRunStart = false;
          if (event == null || !(event.payload() instanceof RunStarted)) {
            log.info(
                "run {}: {}; sending a snapshot of the durable state",
                runId,
                event == null
                    ? "no run.started on the live channel in time"
                    : "the live channel does not start with run.started");
            meters.resynced(Resync.NO_RUN_STARTED);
            finished = sendSnapshotAndSubscribe(snapshots.build(runId));
            continue;
          }
        }
        if (event == null) {
          if (System.nanoTime() - lastSent > keepAlive.toNanos()) {
            emitter.send(SseEmitter.event().comment("keep-alive"));
            lastSent = System.nanoTime();
          }
          continue;
        }
        List<RunEvent> batch = new ArrayList<>();
        batch.add(event);
        backlog.drainTo(batch, MAX_BATCH - 1);
        backlogSize.addAndGet(-batch.size());
        finished = send(batch);
      }
      if (finished) {
        emitter.complete();
      }
    } catch (IOException | IllegalStateException e) {
      log.debug("run {}: client went away ({})", runId, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // The response is an event stream already under way: an error dispatch would have the
      // exception handlers write a problem body into it (and race the container's recycling of the
      // response, seen at shutdown). Ending the stream makes the client reconnect with
      // Last-Event-ID and get the durable state.
      if (ending) {
        log.debug("run {}: event stream ended by the shutdown ({})", runId, e.toString());
      } else {
        log.warn("run {}: event stream failed; ending it so the client resumes", runId, e);
      }
      completeQuietly();
    } finally {
      close();
    }
  }

  /**
   * Asks the session to end soon: it writes the events it has queued and completes the response,
   * within its poll interval. For the node's shutdown ({@link SseSessions}).
   */
  void end() {
    ending = true;
  }

  /** Completes the response now, from another thread, for a session that did not end in time. */
  void completeNow() {
    ending = true;
    completeQuietly();
  }

  private void completeQuietly() {
    try {
      emitter.complete();
    } catch (RuntimeException e) {
      log.debug("run {}: completing the stream failed ({})", runId, e.toString());
    }
  }

  /**
   * The queued events go out (unless the client still waits for its first snapshot, or the session
   * was about to resync it: the reconnect then does), then the response completes: every event the
   * client got is whole, and {@code Last-Event-ID} continues right after the last one.
   */
  private void endForShutdown() throws IOException {
    if (!awaitingRunStart && !polling && !overflowed && !gap) {
      List<RunEvent> queued = new ArrayList<>();
      backlog.drainTo(queued);
      backlogSize.addAndGet(-queued.size());
      if (!queued.isEmpty()) {
        send(queued);
      }
    }
    log.debug("run {}: stream ended for the node's shutdown", runId);
    emitter.complete();
  }

  /**
   * @return true when the run is over and the stream is complete
   */
  private boolean begin() throws IOException {
    if (start instanceof Start.Resume resume) {
      return resume(resume);
    }
    if (start instanceof Start.FromSnapshot fromSnapshot) {
      return sendSnapshotAndSubscribe(fromSnapshot.snapshot());
    }
    subscribe(0);
    if (gap) {
      // The channel no longer holds the run's start.
      meters.resynced(Resync.NO_RUN_STARTED);
      return sendSnapshotAndSubscribe(snapshots.build(runId));
    }
    awaitingRunStart = true;
    runStartDeadline = System.nanoTime() + ((Start.FromRunStart) start).patience().toNanos();
    return false;
  }

  private boolean resume(Start.Resume resume) throws IOException {
    subscribe(resume.afterSeq());
    if (!gap) {
      return false;
    }
    // The channel cannot continue exactly after that id (unknown, trimmed, from before a restart).
    log.info(
        "run {}: cannot resume after event {}; sending a fresh snapshot", runId, resume.afterSeq());
    meters.resynced(Resync.RESUME);
    return sendSnapshotAndSubscribe(
        resume.fallback() != null ? resume.fallback() : snapshots.build(runId));
  }

  /**
   * The degraded path while the live channel is down: the durable state (query plus heartbeat
   * checkpoints) is polled and sent as a snapshot whenever it changed.
   *
   * @return true when the run is over
   */
  private boolean pollDurableState() throws IOException, InterruptedException {
    if (!polling) {
      log.info(
          "run {}: live channel unavailable; polling the durable state every {}",
          runId,
          pollInterval);
      polling = true;
      lastPolled = null;
      unsubscribe();
    }
    RunSnapshot snapshot = snapshots.build(runId);
    String body = json.writeValue(snapshot);
    if (!body.equals(lastPolled)) {
      lastPolled = body;
      sendSnapshot(snapshot);
      if (snapshot.isTerminal()) {
        sendTerminal(snapshot);
        return true;
      }
    } else if (System.nanoTime() - lastSent > keepAlive.toNanos()) {
      emitter.send(SseEmitter.event().comment("keep-alive"));
      lastSent = System.nanoTime();
    }
    Thread.sleep(pollInterval.toMillis());
    return false;
  }

  /**
   * @return true when the run is over and the stream is complete
   */
  private boolean sendSnapshotAndSubscribe(RunSnapshot snapshot) throws IOException {
    unsubscribe();
    lastResync = System.nanoTime();
    awaitingRunStart = false;
    sendSnapshot(snapshot);
    if (snapshot.isTerminal()) {
      sendTerminal(snapshot);
      return true;
    }
    subscribe(snapshot.lastEventId());
    // A gap right away means the channel no longer has events this old; the snapshot is as fresh
    // as the durable state gets, so carry on from what the channel has.
    gap = false;
    return false;
  }

  private void sendSnapshot(RunSnapshot snapshot) throws IOException {
    StringBuilder text = new StringBuilder();
    append(text, RunEvent.snapshot(snapshot, System.currentTimeMillis()));
    write(text);
  }

  /**
   * The terminal event of a finished run whose events are gone, rebuilt from its final snapshot and
   * sent with the snapshot's id, so a client that reconnects after it stops reconnecting.
   */
  private void sendTerminal(RunSnapshot snapshot) throws IOException {
    EventPayload end =
        switch (snapshot.status()) {
          case COMPLETED -> new RunCompleted(snapshot.result(), snapshot.stopReason());
          case CANCELLED -> new RunCancelled();
          case FAILED, RUNNING, WAITING_FOR_INPUT -> new RunFailed(snapshot.error());
        };
    StringBuilder text = new StringBuilder();
    append(
        text,
        new RunEvent(runId, snapshot.lastEventId(), null, 0, System.currentTimeMillis(), end));
    write(text);
  }

  private void subscribe(long afterSeq) {
    backlog.clear();
    backlogSize.set(0);
    overflowed = false;
    gap = false;
    subscription = channel.subscribe(runId, afterSeq, this);
  }

  /**
   * Writes events that queued up while the previous write was in flight as one chunk with one
   * flush: under load a client that fell a few events behind catches up in one write instead of one
   * syscall per token, and when events arrive one at a time each still goes out at once.
   *
   * @return true when the batch ended the run
   */
  private boolean send(List<RunEvent> batch) throws IOException {
    StringBuilder text = new StringBuilder(256 * batch.size());
    boolean terminal = false;
    int tokens = 0;
    for (RunEvent event : batch) {
      if (event.payload() instanceof RunStarted) {
        // The run's initial state: to clients it is the snapshot it is, with this event's id.
        write(text);
        sendSnapshot(snapshots.initial(event));
        continue;
      }
      append(text, event);
      if (event.payload() instanceof StepToken) {
        tokens++;
      }
      if (event.isTerminal()) {
        terminal = true;
        break;
      }
    }
    write(text);
    meters.delivered(tokens);
    return terminal;
  }

  /** One SSE event; compact JSON never contains a raw line break, so one data line carries it. */
  private void append(StringBuilder text, RunEvent event) {
    text.append("id:")
        .append(event.seq())
        .append("\nevent:")
        .append(event.type())
        .append("\ndata:")
        .append(json.write(event))
        .append("\n\n");
  }

  private void write(StringBuilder events) throws IOException {
    if (events.isEmpty()) {
      return;
    }
    emitter.send(Set.of(new ResponseBodyEmitter.DataWithMediaType(events.toString(), UTF8_TEXT)));
    events.setLength(0);
    lastSent = System.nanoTime();
  }

  private void unsubscribe() {
    if (subscription != null) {
      subscription.close();
      subscription = null;
    }
  }

  private void close() {
    closed = true;
    unsubscribe();
    if (countedOpen.getAndSet(false)) {
      meters.closed();
    }
  }
}
