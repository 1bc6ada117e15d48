package io.agentstream.step;

import io.agentstream.run.EventDraft;
import io.agentstream.run.EventTypes;
import io.agentstream.run.StepCheckpoint;
import io.agentstream.stream.StreamChannel;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a step's code uses to stream while it runs and still return a typed value: {@code token}
 * deltas, {@code data} items and {@code progress} go to the live channel at once; the partial
 * result (text and items up to the last consistent point) is heartbeated as a {@link
 * StepCheckpoint} about once a second, so it is durable on the Temporal server.
 *
 * <p>On a retry the writer starts from the last checkpoint: {@link #resumed()} says so, {@link
 * #text()} and {@link #items()} hold the checkpointed partial, and a {@code step.rewind} event has
 * told clients to reset the step to exactly that state.
 *
 * <p>Finish-now and cancel reach a step as Temporal activity cancellation, seen on the heartbeat
 * that the writer sends every {@code checkpointInterval} (about a second): {@link
 * #stopRequested()} turns true and later writes are ignored, so the step's partial output is
 * exactly what clients saw. Because the workflow waits for the cancelled activity to complete,
 * that partial output can still become the step's result.
 *
 * <p>Thread-safe: model callbacks may write from another thread than the activity's. Writes are
 * ordered by one lock and the state (text, items, checkpoint) is guarded by another, which the
 * channel append never holds, so heartbeats go out on time however slow the live channel is.
 */
public final class StepWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StepWriter.class);

  private final ActivityExecutionContext context;
  private final StreamChannel channel;
  private final String runId;
  private final String stepId;
  private final int attempt;
  private final boolean everyWriteIsConsistent;
  private final boolean resumed;
  private final StringBuilder text = new StringBuilder();
  private final List<Object> items = new ArrayList<>();
  /** Held while a write streams its event, so the step's events reach the channel in order. */
  private final Object emitLock = new Object();

  private long lastSeq;
  private int consistentTextLength;
  private int consistentItemCount;
  private long consistentSeq;
  private volatile boolean cancelled;
  private volatile boolean fenced;
  private ScheduledFuture<?> ticker;

  private StepWriter(
      ActivityExecutionContext context, StreamChannel channel, String stepId, boolean everyWriteIsConsistent) {
    this.context = context;
    this.channel = channel;
    this.runId = context.getInfo().getWorkflowId();
    this.stepId = stepId;
    this.attempt = context.getInfo().getAttempt();
    this.everyWriteIsConsistent = everyWriteIsConsistent;
    Optional<StepCheckpoint> previous =
        attempt > 1 ? context.getHeartbeatDetails(StepCheckpoint.class) : Optional.empty();
    this.resumed = attempt > 1;
    previous.ifPresent(
        c -> {
          text.append(c.text());
          items.addAll(c.items());
        });
  }

  static StepWriter open(
      ActivityExecutionContext context,
      StreamChannel channel,
      ScheduledExecutorService heartbeats,
      Duration interval,
      String stepId,
      boolean everyWriteIsConsistent) {
    StepWriter writer = new StepWriter(context, channel, stepId, everyWriteIsConsistent);
    writer.start(heartbeats, interval);
    return writer;
  }

  private void start(ScheduledExecutorService heartbeats, Duration interval) {
    synchronized (emitLock) {
      if (resumed) {
        Map<String, Object> rewind;
        synchronized (this) {
          log.info("step {} of run {}: attempt {} resumes from a checkpoint of {} chars and {} items",
              stepId, runId, attempt, text.length(), items.size());
          rewind = Map.of("text", text.toString(), "items", List.copyOf(items));
        }
        emit(EventTypes.STEP_REWIND, rewind);
      }
      checkpoint();
    }
    heartbeat();
    // The SDK sends at most one heartbeat per interval (the worker's heartbeat throttle); calling
    // more often only means a cancellation in the latest response is noticed sooner.
    long period = Math.max(50, interval.toMillis() / 4);
    ticker = heartbeats.scheduleAtFixedRate(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
  }

  /** True when this attempt started from a previous attempt's checkpoint. */
  public boolean resumed() {
    return resumed;
  }

  /** The step's text so far (the checkpointed prefix on a resumed attempt). */
  public synchronized String text() {
    return text.toString();
  }

  /** The step's data items so far (from the checkpoint on a resumed attempt). */
  public synchronized List<Object> items() {
    return List.copyOf(items);
  }

  /** Appends LLM output to the step's text and streams it as a {@code step.token}. */
  public void token(String delta) {
    if (delta == null || delta.isEmpty() || stopRequested()) {
      return;
    }
    synchronized (emitLock) {
      int offset;
      synchronized (this) {
        offset = text.length();
        text.append(delta);
      }
      emit(EventTypes.STEP_TOKEN, Map.of("text", delta, "offset", offset));
      if (everyWriteIsConsistent) {
        checkpoint();
      }
    }
  }

  /**
   * Adds a custom data item (a place found, a tool result) and streams it as {@code step.data}.
   *
   * @return the item's index, for {@link #replaceData}
   */
  public int data(Object item) {
    if (stopRequested()) {
      return -1;
    }
    synchronized (emitLock) {
      int index;
      synchronized (this) {
        index = items.size();
        items.add(item);
      }
      emit(EventTypes.STEP_DATA, Map.of("index", index, "item", item));
      if (everyWriteIsConsistent) {
        checkpoint();
      }
      return index;
    }
  }

  /** Replaces an item already streamed (for example once its rationale is written). */
  public void replaceData(int index, Object item) {
    if (stopRequested()) {
      return;
    }
    synchronized (emitLock) {
      synchronized (this) {
        if (index < 0 || index >= items.size()) {
          return;
        }
        items.set(index, item);
      }
      emit(EventTypes.STEP_DATA, Map.of("index", index, "item", item));
      if (everyWriteIsConsistent) {
        checkpoint();
      }
    }
  }

  /** Streams a progress message with optional done/total counts; not part of the checkpoint. */
  public void progress(String message, Integer done, Integer total) {
    Map<String, Object> payload = new HashMap<>();
    payload.put("message", message);
    if (done != null) {
      payload.put("done", done);
    }
    if (total != null) {
      payload.put("total", total);
    }
    synchronized (emitLock) {
      emit(EventTypes.STEP_PROGRESS, payload);
    }
  }

  /** Marks the current text and items as a consistent point to resume from after a crash. */
  public synchronized void checkpoint() {
    markConsistent();
  }

  /** True once finish-now or cancel reached this step (or a newer attempt replaced it). */
  public boolean stopRequested() {
    return cancelled || fenced;
  }

  /** True when finish-now or cancel stopped the step: its output is cut short. */
  public boolean cutShort() {
    return cancelled;
  }

  /**
   * Records that this attempt failed: unless the failure is non-retryable, clients get a {@code
   * step.retrying} event, and the latest checkpoint is flushed so the next attempt resumes from it.
   * Call from the step's error path and throw what it returns.
   */
  public RuntimeException failed(RuntimeException cause) {
    boolean retryable = !(cause instanceof ApplicationFailure af && af.isNonRetryable());
    if (retryable) {
      String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
      synchronized (emitLock) {
        emit(EventTypes.STEP_RETRYING, Map.of("error", message, "nextAttempt", attempt + 1));
      }
    }
    heartbeat();
    return cause;
  }

  /** Stops heartbeating. */
  @Override
  public void close() {
    if (ticker != null) {
      ticker.cancel(false);
    }
  }

  /**
   * Appends to the live channel. Called holding {@link #emitLock} (which orders the step's events)
   * but never the writer's own monitor: a slow channel must not delay the heartbeat, which takes
   * that monitor to read the checkpoint. Under load a Redis append can take long enough that a
   * heartbeat waiting behind it would miss the heartbeat timeout and fail the step.
   */
  private void emit(String type, Map<String, Object> payload) {
    long seq = channel.append(new EventDraft(runId, type, stepId, attempt, payload));
    if (seq > 0) {
      synchronized (this) {
        lastSeq = seq;
      }
    } else if (seq == StreamChannel.REFUSED) {
      if (!fenced) {
        log.info("step {} of run {}: attempt {} was superseded by a newer attempt; stopping", stepId, runId, attempt);
      }
      fenced = true;
    }
  }

  /** Records lengths only: the checkpoint itself is built when heartbeated, keeping writes O(1). */
  private void markConsistent() {
    consistentTextLength = text.length();
    consistentItemCount = items.size();
    consistentSeq = lastSeq;
  }

  private synchronized StepCheckpoint latestCheckpoint() {
    return new StepCheckpoint(
        stepId,
        attempt,
        text.substring(0, consistentTextLength),
        List.copyOf(items.subList(0, consistentItemCount)),
        consistentSeq);
  }

  private void heartbeat() {
    StepCheckpoint latest = latestCheckpoint();
    try {
      context.heartbeat(latest);
    } catch (ActivityCanceledException e) {
      if (!cancelled) {
        log.info("step {} of run {}: stop requested (finish-now or cancel)", stepId, runId);
        cancelled = true;
      }
    } catch (ActivityCompletionException e) {
      log.info("step {} of run {} attempt {}: no longer current ({}); stopping", stepId, runId, attempt, e.toString());
      fenced = true;
    } catch (RuntimeException e) {
      log.warn("step {} of run {}: heartbeat failed: {}", stepId, runId, e.toString());
    }
  }
}
