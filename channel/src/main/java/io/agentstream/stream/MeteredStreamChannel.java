package io.agentstream.stream;

import io.agentstream.metrics.AgentstreamMeters;
import io.agentstream.protocol.EventDraft;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A live channel that times every append and counts the ones that failed ({@link
 * AgentstreamMeters#CHANNEL_APPEND}, {@link AgentstreamMeters#CHANNEL_APPEND_FAILURES}), around any
 * implementation, so the memory and the Redis channel are measured the same way. Everything else is
 * passed through. An append that throws is counted and rethrown: measuring changes nothing a caller
 * sees.
 */
public final class MeteredStreamChannel implements StreamChannel {

  private final StreamChannel delegate;
  private final Timer ok;
  private final Timer refused;
  private final Timer unavailable;
  private final Timer error;
  private final Counter unavailableCount;
  private final Counter errorCount;

  /**
   * @param delegate the channel that does the work
   * @param meters where the meters are registered
   */
  public MeteredStreamChannel(StreamChannel delegate, MeterRegistry meters) {
    this.delegate = delegate;
    this.ok = appendTimer(meters, AgentstreamMeters.RESULT_OK);
    this.refused = appendTimer(meters, AgentstreamMeters.RESULT_REFUSED);
    this.unavailable = appendTimer(meters, AgentstreamMeters.RESULT_UNAVAILABLE);
    this.error = appendTimer(meters, AgentstreamMeters.RESULT_ERROR);
    this.unavailableCount = failures(meters, AgentstreamMeters.RESULT_UNAVAILABLE);
    this.errorCount = failures(meters, AgentstreamMeters.RESULT_ERROR);
  }

  private static Timer appendTimer(MeterRegistry meters, String result) {
    return Timer.builder(AgentstreamMeters.CHANNEL_APPEND)
        .description("Appends to the live channel, by result")
        .tag(AgentstreamMeters.TAG_RESULT, result)
        .publishPercentileHistogram()
        // From 100 µs (an in-memory append) to seconds (Redis in trouble).
        .minimumExpectedValue(Duration.ofNanos(100_000))
        .maximumExpectedValue(Duration.ofSeconds(5))
        .register(meters);
  }

  private static Counter failures(MeterRegistry meters, String result) {
    return Counter.builder(AgentstreamMeters.CHANNEL_APPEND_FAILURES)
        .description("Appends the live channel did not take")
        .tag(AgentstreamMeters.TAG_RESULT, result)
        .register(meters);
  }

  /** The channel this one measures. */
  public StreamChannel delegate() {
    return delegate;
  }

  @Override
  public long append(EventDraft draft) {
    long start = System.nanoTime();
    long seq;
    try {
      seq = delegate.append(draft);
    } catch (RuntimeException e) {
      error.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      errorCount.increment();
      throw e;
    }
    long took = System.nanoTime() - start;
    if (seq == UNAVAILABLE) {
      unavailable.record(took, TimeUnit.NANOSECONDS);
      unavailableCount.increment();
    } else if (seq == REFUSED) {
      refused.record(took, TimeUnit.NANOSECONDS);
    } else {
      ok.record(took, TimeUnit.NANOSECONDS);
    }
    return seq;
  }

  @Override
  public Subscription subscribe(String runId, long afterSeq, StreamListener listener) {
    return delegate.subscribe(runId, afterSeq, listener);
  }

  @Override
  public long head(String runId) {
    return delegate.head(runId);
  }

  @Override
  public boolean isAvailable() {
    return delegate.isAvailable();
  }
}
