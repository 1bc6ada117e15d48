package io.agentstream.bench;

import java.util.List;

/**
 * The figures of one phase: a mode at a load. Latencies in milliseconds; "tokens" are deliveries (a
 * fan-out token reaching 100 clients counts 100 times).
 */
record PhaseResult(
    String mode,
    String kind,
    double tokensPerSecondPerStream,
    int load,
    int clientsPerRun,
    long runs,
    long clients,
    long tokensExpected,
    long tokensDelivered,
    double durationSeconds,
    double deliveredTokensPerSecond,
    double latencyP50Ms,
    double latencyP95Ms,
    double latencyP99Ms,
    double latencyMaxMs,
    long liveTokens,
    double liveLatencyP50Ms,
    double liveLatencyP99Ms,
    double streamOpenP50Ms,
    double streamOpenP99Ms,
    double firstTokenP50Ms,
    double firstTokenP95Ms,
    double wallP50Ms,
    double wallOverGenerationP50,
    double wallOverGenerationP95,
    long lost,
    long duplicated,
    long seqErrors,
    long snapshotOverlap,
    long gaps,
    long resyncs,
    long rewinds,
    long retriedClients,
    long unmatchedTokens,
    long failedClients,
    long mismatches,
    int historyEventsMin,
    int historyEventsMax,
    int historyNonWorkflowTaskEventsMin,
    int historyNonWorkflowTaskEventsMax,
    double cpuSecondsPer1kTokens,
    double redisCpuSecondsPer1kTokens,
    double peakHeapUsedMb,
    double peakLiveHeapMb,
    List<String> problems) {

  String label() {
    return kind.equals("fanout") ? mode + " 1x" + clientsPerRun : mode + " " + load;
  }

  boolean clean() {
    return lost == 0 && duplicated == 0 && failedClients == 0 && mismatches == 0 && gaps == 0;
  }

  static PhaseResult of(
      String mode,
      String kind,
      double rate,
      int load,
      int clientsPerRun,
      PhaseRecorder r,
      double seconds,
      ResourceMeter.Usage usage,
      Bench.HistoryRange history) {
    long delivered = r.tokensDelivered.sum();
    double perK = delivered == 0 ? Double.NaN : 1000.0 / delivered;
    return new PhaseResult(
        mode,
        kind,
        rate,
        load,
        clientsPerRun,
        r.runs.sum(),
        r.clients.sum(),
        r.tokensExpected.sum(),
        delivered,
        seconds,
        delivered / seconds,
        ms(r.latency.percentile(50)),
        ms(r.latency.percentile(95)),
        ms(r.latency.percentile(99)),
        ms(r.latency.max()),
        r.liveLatency.size(),
        ms(r.liveLatency.percentile(50)),
        ms(r.liveLatency.percentile(99)),
        ms(r.open.percentile(50)),
        ms(r.open.percentile(99)),
        ms(r.ttft.percentile(50)),
        ms(r.ttft.percentile(95)),
        ms(r.wall.percentile(50)),
        r.wallOverGeneration.percentile(50),
        r.wallOverGeneration.percentile(95),
        r.lost.sum(),
        r.duplicated.sum(),
        r.seqErrors.sum(),
        r.snapshotOverlap.sum(),
        r.gaps.sum(),
        r.resyncs.sum(),
        r.rewinds.sum(),
        r.retriedClients.sum(),
        r.unmatched.sum(),
        r.failedClients.sum(),
        r.mismatches.sum(),
        history.min,
        history.max,
        history.otherMin,
        history.otherMax,
        usage.cpuSeconds() * perK,
        usage.redisCpuSeconds() * perK,
        usage.peakHeapUsedBytes() / 1048576.0,
        usage.peakHeapAfterGcBytes() / 1048576.0,
        r.problems());
  }

  private static double ms(double nanos) {
    return nanos / 1e6;
  }
}
