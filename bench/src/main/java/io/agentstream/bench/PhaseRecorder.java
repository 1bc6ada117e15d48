package io.agentstream.bench;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Everything one phase (a mode at a load) measured, filled concurrently by its clients. */
final class PhaseRecorder {

  final LongSamples latency = new LongSamples();

  /**
   * Only tokens the model emitted after this client's stream was open (no catch-up of a late
   * joiner).
   */
  final LongSamples liveLatency = new LongSamples();

  final LongSamples ttft = new LongSamples();

  /** Submit (or request) until the client's stream was open: for SSE the snapshot was built. */
  final LongSamples open = new LongSamples();

  final LongSamples wall = new LongSamples();
  final DoubleSamples wallOverGeneration = new DoubleSamples();
  final LongAdder runs = new LongAdder();
  final LongAdder clients = new LongAdder();
  final LongAdder failedClients = new LongAdder();
  final LongAdder tokensExpected = new LongAdder();
  final LongAdder tokensDelivered = new LongAdder();
  final LongAdder lost = new LongAdder();
  final LongAdder duplicated = new LongAdder();
  final LongAdder seqErrors = new LongAdder();
  final LongAdder snapshotOverlap = new LongAdder();
  final LongAdder gaps = new LongAdder();
  final LongAdder stale = new LongAdder();
  final LongAdder rewinds = new LongAdder();
  final LongAdder resyncs = new LongAdder();
  final LongAdder retriedClients = new LongAdder();
  final LongAdder unmatched = new LongAdder();
  final LongAdder mismatches = new LongAdder();
  final Queue<String> runIds = new ConcurrentLinkedQueue<>();
  private final Queue<String> problems = new ConcurrentLinkedQueue<>();
  private final AtomicInteger problemCount = new AtomicInteger();

  void problem(String message) {
    if (problemCount.incrementAndGet() <= 10) {
      problems.add(message);
    }
  }

  List<String> problems() {
    return List.copyOf(problems);
  }

  int problemCount() {
    return problemCount.get();
  }
}
