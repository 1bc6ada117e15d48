package io.agentstream.bench;

import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.llm.simulator.SimulatorSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs every mode against the same load, one phase at a time, in one JVM: the bench's own simulated
 * model (whose emission hook stamps every token), the direct SSE server, and the agentstream app
 * started in-process (memory channel, then Redis channel). Then the as-fast-as-possible ramp, and
 * the history-size comparison.
 */
final class Bench {

  static final String DIRECT = "direct";
  static final String MEMORY = "agentstream-memory";
  static final String REDIS = "agentstream-redis";
  static final String POLLING = "polling";

  private final BenchConfig config;
  private final Consumer<String> log;
  private final EmissionLog emissions = new EmissionLog();
  private final Http http = new Http();
  private final AtomicLong questions = new AtomicLong();
  private final List<PhaseResult> phases = new ArrayList<>();
  private final List<PhaseResult> ramp = new ArrayList<>();
  private final List<TripHistories.Trip> trips = new ArrayList<>();
  private String tripNote = "";

  Bench(BenchConfig config, Consumer<String> log) {
    this.config = config;
    this.log = log;
    // The JDK HttpServer (the simulator and the direct server) leaves Nagle's algorithm on unless
    // told otherwise; with delayed ACKs that stalls small SSE chunks for up to 40 ms. Tomcat (the
    // app) sets TCP_NODELAY itself. Read once, when the first HttpServer of the JVM is created.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  BenchReport run() throws Exception {
    Environment before = Environment.capture();
    log.accept("bench " + config.name() + ": " + before.summary());
    long started = System.nanoTime();
    double rate = config.tokensPerSecond();
    try (ResourceMeter meter = new ResourceMeter(config.redisUrl())) {
      try (OpenAiSimulator model = OpenAiSimulator.start(new SimulatorSettings(0, rate));
          DirectServer direct = new DirectServer(model.baseUrl())) {
        model.onTokenEmitted(emissions);
        if (config.measures(DIRECT)) {
          measureMode(DIRECT, new DirectWorkload(direct, emissions, rate), null, meter);
        }
        if (config.measures(MEMORY) || config.measures(POLLING)) {
          try (App app = startApp("memory", model.baseUrl())) {
            if (config.measures(MEMORY)) {
              measureMode(MEMORY, new AgentstreamWorkload(app, http, emissions, rate), app, meter);
            }
            if (config.measures(POLLING)) {
              measureMode(POLLING, new PollingWorkload(app, http, emissions, rate), app, meter);
            }
            if (config.tripHistories() && config.name().equals("full")) {
              measureTrips(app, rate);
            }
          }
        }
        if (config.measures(REDIS)) {
          try (App app = startApp("redis", model.baseUrl())) {
            measureMode(REDIS, new AgentstreamWorkload(app, http, emissions, rate), app, meter);
          }
        }
        model.onTokenEmitted(null);
      }

      if (!config.rampLevels().isEmpty()
          || (config.tripHistories() && !config.name().equals("full"))) {
        try (OpenAiSimulator fast = OpenAiSimulator.start(new SimulatorSettings(0, 0));
            DirectServer direct = new DirectServer(fast.baseUrl());
            App app = startApp("memory", fast.baseUrl())) {
          fast.onTokenEmitted(emissions);
          if (!config.rampLevels().isEmpty() && config.measures(DIRECT)) {
            ramp(DIRECT, new DirectWorkload(direct, emissions, 0), null, meter);
          }
          if (!config.rampLevels().isEmpty() && config.measures(MEMORY)) {
            ramp(MEMORY, new AgentstreamWorkload(app, http, emissions, 0), app, meter);
          }
          if (config.tripHistories() && !config.name().equals("full")) {
            measureTrips(app, 0);
          }
          fast.onTokenEmitted(null);
        }
      }
    }
    Environment after = Environment.capture();
    double seconds = (System.nanoTime() - started) / 1e9;
    log.accept(
        String.format("bench %s done in %.0f s; %s", config.name(), seconds, after.summary()));
    return new BenchReport(config, before, after, seconds, phases, ramp, trips, tripNote);
  }

  private App startApp(String stream, String modelBaseUrl) {
    long t0 = System.nanoTime();
    App app = App.start(stream, modelBaseUrl, config.redisUrl());
    log.accept(
        String.format(
            "started %s (port %d) in %.1f s",
            app.name(), app.port(), (System.nanoTime() - t0) / 1e9));
    return app;
  }

  private void measureMode(String mode, Workload workload, App app, ResourceMeter meter)
      throws Exception {
    warmUp(mode, workload);
    for (int i = 0; i < config.loads().size(); i++) {
      int load = config.loads().get(i);
      phases.add(
          phase(
              mode,
              "load",
              load,
              1,
              config.loadSeconds().get(i),
              1,
              workload,
              app,
              meter,
              config.tokensPerSecond()));
    }
    if (config.fanoutClients() > 0) {
      phases.add(
          phase(
              mode,
              "fanout",
              1,
              config.fanoutClients(),
              0,
              config.fanoutRounds(),
              workload,
              app,
              meter,
              config.tokensPerSecond()));
    }
  }

  private void warmUp(String mode, Workload workload) throws Exception {
    if (config.warmupRuns() <= 0) {
      return;
    }
    long t0 = System.nanoTime();
    int concurrency = Math.min(50, Math.max(1, config.warmupRuns() / 2));
    PhaseRecorder ignored = new PhaseRecorder();
    runConcurrently(
        mode + "-warmup",
        concurrency,
        0,
        (config.warmupRuns() + concurrency - 1) / concurrency,
        1,
        workload,
        ignored,
        0);
    log.accept(
        String.format(
            "  %-20s warm-up: %d runs in %.1f s",
            mode, ignored.runs.sum(), (System.nanoTime() - t0) / 1e9));
  }

  private void ramp(String mode, Workload workload, App app, ResourceMeter meter) throws Exception {
    warmUp(mode + " (unpaced)", workload);
    for (int level : config.rampLevels()) {
      PhaseResult result =
          phase(mode, "ramp", level, 1, config.rampSeconds(), 1, workload, app, meter, 0);
      ramp.add(result);
      if (!(result.latencyP99Ms() <= config.rampP99LimitMillis())) {
        break;
      }
    }
  }

  private void measureTrips(App app, double rate) {
    log.accept(
        String.format(
            "trip-planner histories at %s tokens/s: %d-day and %d-day plans",
            rate <= 0 ? "unpaced" : rate, config.shortTripDays(), config.longTripDays()));
    try {
      trips.addAll(
          TripHistories.measure(app, http, List.of(config.shortTripDays(), config.longTripDays())));
      tripNote =
          "trip-planner on the " + (rate <= 0 ? "unpaced" : (int) rate + " tokens/s") + " model";
      for (TripHistories.Trip trip : trips) {
        log.accept(
            String.format(
                "  %2d-day trip: plan step %d tokens, %d history events (%d WORKFLOW_TASK_*) in %.1f s",
                trip.days(),
                trip.planTokens(),
                trip.historyEvents(),
                trip.workflowTaskEvents(),
                trip.seconds()));
      }
    } catch (Exception e) {
      tripNote = "trip histories failed: " + e;
      log.accept(tripNote);
    }
  }

  private PhaseResult phase(
      String mode,
      String kind,
      int load,
      int clientsPerRun,
      int seconds,
      int minRounds,
      Workload workload,
      App app,
      ResourceMeter meter,
      double rate)
      throws Exception {
    PhaseRecorder recorder = new PhaseRecorder();
    emissions.clear();
    meter.start();
    long t0 = System.nanoTime();
    // Runs start staggered over one generation time so the load builds up instead of arriving at
    // once.
    long staggerNanos = rate > 0 ? (long) (config.tokensPerRun() / rate * 1e9) : 0;
    runConcurrently(
        mode + "-" + kind + "-" + load,
        load,
        seconds,
        minRounds,
        clientsPerRun,
        workload,
        recorder,
        staggerNanos);
    double elapsed = (System.nanoTime() - t0) / 1e9;
    ResourceMeter.Usage usage = meter.stop();
    HistoryRange histories = new HistoryRange();
    if (app != null) {
      int sampled = 0;
      for (String runId : recorder.runIds) {
        if (sampled++ == 20) {
          break;
        }
        try {
          App.History history = app.history(runId);
          if (Boolean.getBoolean("bench.debugHistory")) {
            log.accept("    history of " + runId + ": " + history.types());
          }
          histories.add(history);
        } catch (RuntimeException e) {
          recorder.problem("history of " + runId + ": " + e);
        }
      }
    }
    PhaseResult result =
        PhaseResult.of(
            mode,
            kind,
            rate,
            load,
            clientsPerRun,
            recorder,
            elapsed,
            mode.equals(REDIS) ? usage : withoutRedis(usage),
            histories);
    log.accept(
        String.format(
            "  %-20s %-6s %4d x%-3d runs %5d tokens %7d  p50 %7.1f  p95 %7.1f  p99 %7.1f  max %7.1f ms  ttft %6.0f ms"
                + "  lost %d dup %d%s",
            mode,
            kind,
            load,
            clientsPerRun,
            result.runs(),
            result.tokensDelivered(),
            result.latencyP50Ms(),
            result.latencyP95Ms(),
            result.latencyP99Ms(),
            result.latencyMaxMs(),
            result.firstTokenP50Ms(),
            result.lost(),
            result.duplicated(),
            recorder.problemCount() > 0 ? "  problems: " + recorder.problems() : ""));
    return result;
  }

  /** Smallest and largest history sizes of the runs sampled in a phase (-1 when none). */
  static final class HistoryRange {
    int min = -1;
    int max = -1;
    int otherMin = -1;
    int otherMax = -1;

    void add(App.History history) {
      min = min < 0 ? history.events() : Math.min(min, history.events());
      max = Math.max(max, history.events());
      otherMin = otherMin < 0 ? history.otherEvents() : Math.min(otherMin, history.otherEvents());
      otherMax = Math.max(otherMax, history.otherEvents());
    }
  }

  private static ResourceMeter.Usage withoutRedis(ResourceMeter.Usage usage) {
    return new ResourceMeter.Usage(
        usage.cpuSeconds(), usage.peakHeapUsedBytes(), usage.peakHeapAfterGcBytes(), 0);
  }

  /**
   * {@code concurrency} workers, each running runs back to back: new runs start until {@code
   * seconds} have passed (and at least {@code minRounds} per worker); the phase ends when the last
   * run finished.
   */
  private void runConcurrently(
      String name,
      int concurrency,
      int seconds,
      int minRounds,
      int clientsPerRun,
      Workload workload,
      PhaseRecorder recorder,
      long staggerNanos)
      throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      long delay = concurrency <= 1 ? 0 : staggerNanos * w / concurrency;
      Thread worker =
          new Thread(
              () -> {
                try {
                  if (delay > 0) {
                    TimeUnit.NANOSECONDS.sleep(delay);
                  }
                  for (int round = 0; round < minRounds || System.nanoTime() < deadline; round++) {
                    String question =
                        "Question "
                            + questions.incrementAndGet()
                            + " of batch "
                            + name
                            + ": why is the sea salty?"
                            + (config.answerWords() > 0
                                ? " Answer in about " + config.answerWords() + " words."
                                : "");
                    workload.run(question, clientsPerRun, recorder);
                    recorder.runs.increment();
                  }
                } catch (Exception e) {
                  recorder.problem("worker failed: " + e);
                  recorder.failedClients.increment();
                }
              },
              "bench-worker-" + w);
      worker.setDaemon(true);
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
  }
}
