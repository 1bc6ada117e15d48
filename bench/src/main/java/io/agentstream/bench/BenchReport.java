package io.agentstream.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A finished bench: the phases, the ramp, the histories, the targets; printed and written out. */
record BenchReport(
    BenchConfig config,
    Environment before,
    Environment after,
    double seconds,
    List<PhaseResult> phases,
    List<PhaseResult> ramp,
    List<TripHistories.Trip> trips,
    String tripNote) {

  /** One target of the issue, and whether this run met it. */
  record Target(String target, String measured, boolean met) {}

  /** The as-fast-as-possible ramp of one mode: the last level whose p99 stayed under the limit. */
  record RampSummary(
      String mode,
      int lastLevelUnderLimit,
      double tokensPerSecond,
      double p99Ms,
      String stoppedBy) {}

  boolean allClean() {
    return phases.stream().allMatch(PhaseResult::clean)
        && ramp.stream().allMatch(PhaseResult::clean);
  }

  List<RampSummary> rampSummaries() {
    List<RampSummary> summaries = new ArrayList<>();
    for (String mode : List.of(Bench.DIRECT, Bench.MEMORY)) {
      List<PhaseResult> levels = ramp.stream().filter(r -> r.mode().equals(mode)).toList();
      if (levels.isEmpty()) {
        continue;
      }
      PhaseResult best = null;
      for (PhaseResult level : levels) {
        if (level.latencyP99Ms() <= config.rampP99LimitMillis()
            && (best == null
                || level.deliveredTokensPerSecond() > best.deliveredTokensPerSecond())) {
          best = level;
        }
      }
      PhaseResult last = levels.get(levels.size() - 1);
      String stopped =
          last.latencyP99Ms() > config.rampP99LimitMillis()
              ? String.format(
                  Locale.ROOT,
                  "p99 %.1f ms at %d concurrent runs",
                  last.latencyP99Ms(),
                  last.load())
              : "highest level tried";
      summaries.add(
          best == null
              ? new RampSummary(mode, 0, 0, Double.NaN, stopped)
              : new RampSummary(
                  mode,
                  best.load(),
                  best.deliveredTokensPerSecond(),
                  best.latencyP99Ms(),
                  stopped));
    }
    return summaries;
  }

  List<Target> targets() {
    List<Target> targets = new ArrayList<>();
    int top = config.loads().get(config.loads().size() - 1);
    Optional<PhaseResult> direct = find(Bench.DIRECT, "load", top);
    for (String mode : List.of(Bench.MEMORY, Bench.REDIS)) {
      Optional<PhaseResult> measured = find(mode, "load", top);
      if (direct.isEmpty() || measured.isEmpty()) {
        continue;
      }
      double p50 = measured.get().latencyP50Ms() - direct.get().latencyP50Ms();
      double p99 = measured.get().latencyP99Ms() - direct.get().latencyP99Ms();
      String at =
          String.format(
              Locale.ROOT, " (%s, %d runs x %.0f tok/s)", mode, top, config.tokensPerSecond());
      targets.add(
          new Target("p50 overhead over direct <= 2 ms" + at, fmt("%+.2f ms", p50), p50 <= 2));
      targets.add(
          new Target("p99 overhead over direct <= 20 ms" + at, fmt("%+.2f ms", p99), p99 <= 20));
      double wall = measured.get().wallOverGenerationP50();
      targets.add(
          new Target(
              "wall <= 1.05 x generation (median run)" + at,
              fmt("%.3f (p95 %.3f)", wall, measured.get().wallOverGenerationP95()),
              wall <= 1.05));
    }
    if (trips.size() == 2) {
      TripHistories.Trip shortTrip = trips.get(0);
      TripHistories.Trip longTrip = trips.get(1);
      targets.add(
          new Target(
              "history independent of tokens (trip-planner plan step)",
              fmt(
                  "%d events at %d tokens, %d events at %d tokens",
                  shortTrip.historyEvents(),
                  shortTrip.planTokens(),
                  longTrip.historyEvents(),
                  longTrip.planTokens()),
              shortTrip.historyEvents() == longTrip.historyEvents()));
    }
    int qaMin =
        phases.stream()
            .filter(p -> p.historyEventsMin() > 0)
            .mapToInt(PhaseResult::historyEventsMin)
            .min()
            .orElse(-1);
    int qaMax = phases.stream().mapToInt(PhaseResult::historyEventsMax).max().orElse(-1);
    int otherMin =
        phases.stream()
            .filter(p -> p.historyNonWorkflowTaskEventsMin() > 0)
            .mapToInt(PhaseResult::historyNonWorkflowTaskEventsMin)
            .min()
            .orElse(-1);
    int otherMax =
        phases.stream().mapToInt(PhaseResult::historyNonWorkflowTaskEventsMax).max().orElse(-1);
    if (qaMin > 0) {
      targets.add(
          new Target(
              "question-answer history: same non-workflow-task events for every run",
              fmt(
                  "%s events in all (%s without WORKFLOW_TASK_* events)",
                  range(qaMin, qaMax), range(otherMin, otherMax)),
              otherMin == otherMax));
    }
    long lost =
        phases.stream().mapToLong(PhaseResult::lost).sum()
            + ramp.stream().mapToLong(PhaseResult::lost).sum();
    long dup =
        phases.stream().mapToLong(PhaseResult::duplicated).sum()
            + ramp.stream().mapToLong(PhaseResult::duplicated).sum();
    targets.add(
        new Target(
            "nothing lost or duplicated (every mode, load, client)",
            fmt("lost %d, duplicated %d", lost, dup) + (allClean() ? "" : " (see problems)"),
            allClean()));
    return targets;
  }

  private Optional<PhaseResult> find(String mode, String kind, int load) {
    return phases.stream()
        .filter(p -> p.mode().equals(mode) && p.kind().equals(kind) && p.load() == load)
        .findFirst();
  }

  String table() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%nagentstream bench (%s): question-answer runs of about %d tokens, simulated model at %.0f tokens/s per stream%n",
            config.name(),
            config.tokensPerRun(),
            config.tokensPerSecond()));
    out.append(header());
    for (PhaseResult p : phases) {
      out.append(row(p));
    }
    if (!ramp.isEmpty()) {
      out.append(
          String.format(
              Locale.ROOT,
              "%nAs fast as possible (unpaced model), ramp until p99 > %.0f ms:%n",
              config.rampP99LimitMillis()));
      out.append(header());
      for (PhaseResult p : ramp) {
        out.append(row(p));
      }
      for (RampSummary s : rampSummaries()) {
        out.append(
            String.format(
                Locale.ROOT,
                "  %s sustains %.0f tokens/s (last level under the limit: %d concurrent runs, p99 %.1f ms; stopped: %s)%n",
                s.mode(),
                s.tokensPerSecond(),
                s.lastLevelUnderLimit(),
                s.p99Ms(),
                s.stoppedBy()));
      }
    }
    if (!trips.isEmpty()) {
      out.append(
          String.format(Locale.ROOT, "%nTemporal history vs tokens per step (%s):%n", tripNote));
      for (TripHistories.Trip t : trips) {
        out.append(
            String.format(
                Locale.ROOT,
                "  %2d-day trip: plan step %4d tokens -> %d history events (%d of them WORKFLOW_TASK_*)%n",
                t.days(),
                t.planTokens(),
                t.historyEvents(),
                t.workflowTaskEvents()));
      }
    }
    out.append(String.format(Locale.ROOT, "%nTargets:%n"));
    for (Target t : targets()) {
      out.append(
          String.format(
              Locale.ROOT, "  [%s] %s: %s%n", t.met() ? "met " : "MISS", t.target(), t.measured()));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%nMachine: %s%n  load average before %s, after %s; %.0f s%n",
            before.summary(),
            before.loadAverages(),
            after.loadAverages(),
            seconds));
    return out.toString();
  }

  private static String header() {
    return String.format(
        Locale.ROOT,
        "%-24s %5s %7s %6s %7s %7s %8s %8s %8s %8s %7s %8s %4s %3s %6s %6s %6s%n",
        "mode / load",
        "runs",
        "tokens",
        "tok/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
        "p99 live",
        "open99",
        "ttft50",
        "wall/gen",
        "lost",
        "dup",
        "hist",
        "cpu/1k",
        "heapMB");
  }

  private static String row(PhaseResult p) {
    return String.format(
        Locale.ROOT,
        "%-24s %5d %7d %6.0f %7.1f %7.1f %8.1f %8.1f %8.1f %8.0f %7.0f %8s %4d %3d %6s %6.3f %6.0f%n",
        p.label().replace("agentstream-", "as-"),
        p.runs(),
        p.tokensDelivered(),
        p.deliveredTokensPerSecond(),
        p.latencyP50Ms(),
        p.latencyP95Ms(),
        p.latencyP99Ms(),
        p.latencyMaxMs(),
        p.liveLatencyP99Ms(),
        p.streamOpenP99Ms(),
        p.firstTokenP50Ms(),
        Double.isNaN(p.wallOverGenerationP50())
            ? "-"
            : String.format(Locale.ROOT, "%.3f", p.wallOverGenerationP50()),
        p.lost(),
        p.duplicated(),
        p.historyEventsMax() < 0 ? "-" : range(p.historyEventsMin(), p.historyEventsMax()),
        p.cpuSecondsPer1kTokens(),
        p.peakHeapUsedMb());
  }

  void writeCsv(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.join(
            ",",
            "mode",
            "kind",
            "tokens_per_s_per_stream",
            "load",
            "clients_per_run",
            "runs",
            "clients",
            "tokens_expected",
            "tokens_delivered",
            "duration_s",
            "delivered_tokens_per_s",
            "latency_p50_ms",
            "latency_p95_ms",
            "latency_p99_ms",
            "latency_max_ms",
            "live_tokens",
            "live_latency_p50_ms",
            "live_latency_p99_ms",
            "stream_open_p50_ms",
            "stream_open_p99_ms",
            "first_token_p50_ms",
            "first_token_p95_ms",
            "wall_p50_ms",
            "wall_over_generation_p50",
            "wall_over_generation_p95",
            "lost",
            "duplicated",
            "seq_errors",
            "snapshot_overlap",
            "gaps",
            "resyncs",
            "rewinds",
            "retried_clients",
            "unmatched_tokens",
            "failed_clients",
            "mismatches",
            "history_events_min",
            "history_events_max",
            "history_non_wft_events_min",
            "history_non_wft_events_max",
            "cpu_s_per_1k_tokens",
            "redis_cpu_s_per_1k_tokens",
            "peak_heap_used_mb",
            "peak_live_heap_mb"));
    List<PhaseResult> all = new ArrayList<>(phases);
    all.addAll(ramp);
    for (PhaseResult p : all) {
      lines.add(
          String.join(
              ",",
              p.mode(),
              p.kind(),
              num(p.tokensPerSecondPerStream()),
              String.valueOf(p.load()),
              String.valueOf(p.clientsPerRun()),
              String.valueOf(p.runs()),
              String.valueOf(p.clients()),
              String.valueOf(p.tokensExpected()),
              String.valueOf(p.tokensDelivered()),
              num(p.durationSeconds()),
              num(p.deliveredTokensPerSecond()),
              num(p.latencyP50Ms()),
              num(p.latencyP95Ms()),
              num(p.latencyP99Ms()),
              num(p.latencyMaxMs()),
              String.valueOf(p.liveTokens()),
              num(p.liveLatencyP50Ms()),
              num(p.liveLatencyP99Ms()),
              num(p.streamOpenP50Ms()),
              num(p.streamOpenP99Ms()),
              num(p.firstTokenP50Ms()),
              num(p.firstTokenP95Ms()),
              num(p.wallP50Ms()),
              num(p.wallOverGenerationP50()),
              num(p.wallOverGenerationP95()),
              String.valueOf(p.lost()),
              String.valueOf(p.duplicated()),
              String.valueOf(p.seqErrors()),
              String.valueOf(p.snapshotOverlap()),
              String.valueOf(p.gaps()),
              String.valueOf(p.resyncs()),
              String.valueOf(p.rewinds()),
              String.valueOf(p.retriedClients()),
              String.valueOf(p.unmatchedTokens()),
              String.valueOf(p.failedClients()),
              String.valueOf(p.mismatches()),
              String.valueOf(p.historyEventsMin()),
              String.valueOf(p.historyEventsMax()),
              String.valueOf(p.historyNonWorkflowTaskEventsMin()),
              String.valueOf(p.historyNonWorkflowTaskEventsMax()),
              num(p.cpuSecondsPer1kTokens()),
              num(p.redisCpuSecondsPer1kTokens()),
              num(p.peakHeapUsedMb()),
              num(p.peakLiveHeapMb())));
    }
    Files.write(file, lines);
  }

  void writeJson(Path file) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("config", config);
    json.put("environmentBefore", before);
    json.put("environmentAfter", after);
    json.put("seconds", seconds);
    json.put("phases", phases);
    json.put("ramp", ramp);
    json.put("rampSummary", rampSummaries());
    json.put("tripHistories", trips);
    json.put("tripHistoriesNote", tripNote);
    json.put("targets", targets());
    json.put("allClean", allClean());
    // NaN (a figure with no samples) is written as the string "NaN" (Jackson's default).
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
  }

  private static String range(int min, int max) {
    return min == max ? String.valueOf(min) : min + ".." + max;
  }

  private static String num(double value) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4f", value);
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
