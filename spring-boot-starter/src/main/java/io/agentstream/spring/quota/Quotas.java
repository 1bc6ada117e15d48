package io.agentstream.spring.quota;

import io.agentstream.spring.config.AgentstreamProperties;
import io.agentstream.spring.security.Caller;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How much one caller may use, checked before a run starts and before a stream opens: runs per
 * minute and open streams per caller are Bucket4j buckets ({@link CallerBuckets}: local, or in
 * Redis and so shared by every API node), active runs are {@link ActiveRuns}: Temporal's open
 * executions, listed now and then, plus the runs admitted since (so they hold across nodes and
 * restarts with no counter to keep right), and the node's stream cap is a semaphore of this JVM.
 */
public final class Quotas {

  /** A stream slot lost with its node comes back within this time at the latest. */
  static final Duration STREAM_SLOT_RECOVERY = Duration.ofHours(24);

  /** Streams end when someone closes a tab: a guess at when a slot may be free. */
  static final Duration STREAM_RETRY_AFTER = Duration.ofSeconds(10);

  private final CallerBuckets buckets;
  private final ActiveRuns activeRuns;
  private final AgentstreamProperties.Quotas quotas;
  private final Semaphore nodeStreams;
  private final int maxStreamsPerNode;
  private final BucketConfiguration runRate;
  private final BucketConfiguration streamSlots;

  Quotas(CallerBuckets buckets, ActiveRuns activeRuns, AgentstreamProperties props) {
    this.buckets = buckets;
    this.activeRuns = activeRuns;
    this.quotas = props.quotas();
    this.maxStreamsPerNode = props.sse().maxStreamsPerNode();
    this.nodeStreams = new Semaphore(maxStreamsPerNode);
    this.runRate =
        BucketConfiguration.builder()
            .addLimit(
                limit ->
                    limit
                        .capacity(quotas.runsPerMinute())
                        .refillGreedy(quotas.runsPerMinute(), Duration.ofMinutes(1)))
            .build();
    // A semaphore as a bucket: a stream takes a token and gives it back when it ends. The slow
    // refill only returns slots of a node that died with streams open.
    this.streamSlots =
        BucketConfiguration.builder()
            .addLimit(
                limit ->
                    limit
                        .capacity(quotas.maxStreamsPerCaller())
                        .refillIntervally(quotas.maxStreamsPerCaller(), STREAM_SLOT_RECOVERY))
            .build();
  }

  /**
   * Admits a new run of {@code caller}, or throws a 429 naming the limit it is over. Tell {@link
   * #runStarted} once the run has started.
   *
   * @throws QuotaExceededException over runs per minute or active runs
   */
  public void admitRun(Caller caller) {
    int active = activeRuns.count(caller.name());
    if (active >= quotas.maxActiveRunsPerCaller()) {
      throw new QuotaExceededException(
          429,
          "this caller has "
              + active
              + " active runs, the limit (agentstream.quotas.max-active-runs-per-caller is "
              + quotas.maxActiveRunsPerCaller()
              + "); wait for one to finish or cancel one",
          Duration.ofSeconds(5));
    }
    ConsumptionProbe probe = buckets.tryConsume("runs:" + caller.name(), runRate);
    if (!probe.isConsumed()) {
      throw new QuotaExceededException(
          429,
          "this caller started "
              + quotas.runsPerMinute()
              + " runs in the last minute, the limit (agentstream.quotas.runs-per-minute)",
          Duration.ofNanos(probe.getNanosToWaitForRefill()).plusSeconds(1));
    }
  }

  /** Counts {@code runId} against {@code caller}'s active runs from now on, on every node. */
  public void runStarted(Caller caller, String runId) {
    activeRuns.admitted(caller.name(), runId);
  }

  /**
   * Takes a stream slot on this node and one of {@code caller}'s; close the slot when the stream
   * ends (closing twice is harmless).
   *
   * @throws QuotaExceededException 503 when the node is at its cap, 429 when the caller is
   */
  public StreamSlot openStream(Caller caller) {
    if (!nodeStreams.tryAcquire()) {
      throw new QuotaExceededException(
          503,
          "this node serves "
              + maxStreamsPerNode
              + " streams, its limit (agentstream.sse.max-streams-per-node); try again or another"
              + " node",
          STREAM_RETRY_AFTER);
    }
    String key = "streams:" + caller.name();
    ConsumptionProbe probe;
    try {
      probe = buckets.tryConsume(key, streamSlots);
    } catch (RuntimeException e) {
      nodeStreams.release();
      throw e;
    }
    if (!probe.isConsumed()) {
      nodeStreams.release();
      throw new QuotaExceededException(
          429,
          "this caller has "
              + quotas.maxStreamsPerCaller()
              + " streams open, the limit (agentstream.quotas.max-streams-per-caller); close one",
          STREAM_RETRY_AFTER);
    }
    AtomicBoolean open = new AtomicBoolean(true);
    return () -> {
      if (open.compareAndSet(true, false)) {
        nodeStreams.release();
        buckets.giveBack(key, streamSlots);
      }
    };
  }

  /** An open stream's hold on the quotas, given back once when the stream ends. */
  @FunctionalInterface
  public interface StreamSlot extends AutoCloseable {
    @Override
    void close();
  }
}
