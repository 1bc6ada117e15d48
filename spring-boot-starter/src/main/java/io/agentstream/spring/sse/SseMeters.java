package io.agentstream.spring.sse;

import io.agentstream.metrics.AgentstreamMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The SSE meters of this node, which all its sessions add to (see {@link AgentstreamMeters}). */
final class SseMeters {

  /** Why a session sent a snapshot to resync its client, with the tag value it is counted under. */
  enum Resync {
    GAP(AgentstreamMeters.CAUSE_GAP),
    OVERFLOW(AgentstreamMeters.CAUSE_OVERFLOW),
    CHANNEL_BACK(AgentstreamMeters.CAUSE_CHANNEL_BACK),
    NO_RUN_STARTED(AgentstreamMeters.CAUSE_NO_RUN_STARTED),
    RESUME(AgentstreamMeters.CAUSE_RESUME);

    private final String cause;

    Resync(String cause) {
      this.cause = cause;
    }
  }

  private final AtomicInteger open = new AtomicInteger();
  private final Counter tokensDelivered;
  private final Counter overflows;
  private final Map<Resync, Counter> resyncs = new EnumMap<>(Resync.class);

  SseMeters(MeterRegistry meters) {
    Gauge.builder(AgentstreamMeters.SSE_SESSIONS, open, AtomicInteger::get)
        .description("SSE sessions open on this node")
        .register(meters);
    tokensDelivered =
        Counter.builder(AgentstreamMeters.TOKENS_DELIVERED)
            .description("step.token events written to SSE clients")
            .register(meters);
    overflows =
        Counter.builder(AgentstreamMeters.SSE_BACKLOG_OVERFLOWS)
            .description("Slow clients that fell more than max-backlog events behind")
            .register(meters);
    for (Resync resync : Resync.values()) {
      resyncs.put(
          resync,
          Counter.builder(AgentstreamMeters.SSE_RESYNCS)
              .description("Snapshots sent to resync a client, by cause")
              .tag(AgentstreamMeters.TAG_CAUSE, resync.cause)
              .register(meters));
    }
  }

  void opened() {
    open.incrementAndGet();
  }

  void closed() {
    open.decrementAndGet();
  }

  void delivered(int tokenEvents) {
    if (tokenEvents > 0) {
      tokensDelivered.increment(tokenEvents);
    }
  }

  void overflowed() {
    overflows.increment();
  }

  void resynced(Resync cause) {
    resyncs.get(cause).increment();
  }
}
