package io.agentstream.step;

import io.agentstream.run.StepTokenAllowance;
import io.agentstream.stream.StreamChannel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.activity.Activity;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Opens {@link StepWriter}s for activities. Holds what all writers share: the live channel, the
 * small scheduler that sends their checkpoints as heartbeats, and the threads that hand their
 * events to the channel, and the meters they add to ({@code agentstream.tokens.emitted}, {@code
 * agentstream.steps.*}; see {@link io.agentstream.metrics.AgentstreamMeters}).
 */
public final class StepWriters implements AutoCloseable {

  private final StreamChannel channel;
  private final Duration checkpointInterval;
  private final ScheduledExecutorService heartbeats;
  private final ExecutorService senders;
  private final StepMeters meters;
  private final Set<StepWriter> open = ConcurrentHashMap.newKeySet();
  private volatile boolean draining;

  /**
   * Writers whose meters go nowhere but a private registry: for tests and tools that export no
   * metrics.
   *
   * @param channel the live channel events go to
   * @param checkpointInterval how often a running step's checkpoint is heartbeated (about 1 s)
   */
  public StepWriters(StreamChannel channel, Duration checkpointInterval) {
    this(channel, checkpointInterval, new SimpleMeterRegistry());
  }

  /**
   * @param channel the live channel events go to
   * @param checkpointInterval how often a running step's checkpoint is heartbeated (about 1 s)
   * @param meters where the step meters are registered
   */
  public StepWriters(StreamChannel channel, Duration checkpointInterval, MeterRegistry meters) {
    this.channel = channel;
    this.checkpointInterval = checkpointInterval;
    this.meters = new StepMeters(meters);
    this.heartbeats =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "step-heartbeats");
              t.setDaemon(true);
              return t;
            });
    // At most one sender per open writer at a time, and only while it has events queued.
    this.senders =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "step-sender");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Opens the writer of a step that writes text: every token is a consistent point, so the partial
   * text is what a retry resumes from. On a retry it announces a {@code step.rewind} to the
   * checkpoint before returning, so the step continues from there.
   */
  public StepWriter openTextStep(String stepId) {
    return open(stepId, true);
  }

  /**
   * Opens the writer of a step whose consistent points it marks itself with {@link
   * StepWriter#checkpoint()} (for example after each item is complete): a retry resumes from the
   * last point marked. Announces a {@code step.rewind} on a retry, like {@link #openTextStep}.
   */
  public StepWriter openStep(String stepId) {
    return open(stepId, false);
  }

  private StepWriter open(String stepId, boolean everyWriteIsConsistent) {
    StepWriter writer =
        StepWriter.open(
            Activity.getExecutionContext(),
            channel,
            heartbeats,
            senders,
            meters,
            checkpointInterval,
            stepId,
            everyWriteIsConsistent);
    StepTokenAllowance.current().ifPresent(writer::limitTokens);
    open.add(writer);
    writer.onClose(
        () -> {
          synchronized (open) {
            open.remove(writer);
            open.notifyAll();
          }
        });
    if (draining) {
      writer.endForShutdown();
    }
    return writer;
  }

  /**
   * Ends every running step's attempt at a checkpoint of exactly what its clients saw (see {@link
   * StepWriter#endForShutdown()}), for a worker that is shutting down, and waits up to {@code
   * timeout} for them to close. Steps that start afterwards end the same way at once.
   *
   * @return how many steps had not closed when the time was up
   */
  public int drain(Duration timeout) throws InterruptedException {
    draining = true;
    List.copyOf(open).forEach(StepWriter::endForShutdown);
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (open) {
      while (!open.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        open.wait(Math.max(1, left / 1_000_000));
      }
      return open.size();
    }
  }

  /** Steps writing now. */
  public int openSteps() {
    return open.size();
  }

  @Override
  public void close() {
    heartbeats.shutdownNow();
    senders.shutdown();
  }
}
