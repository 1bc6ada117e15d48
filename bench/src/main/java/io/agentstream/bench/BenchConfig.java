package io.agentstream.bench;

import java.util.List;

/**
 * What a bench run does.
 *
 * @param name {@code full}, {@code quick} or {@code smoke}
 * @param tokensPerSecond the simulated model's pace per stream for the latency phases
 * @param answerWords how long each run's answer is asked to be (about one token per word; 0 for the
 *     model's short default of about 70): real agent steps stream for many seconds, and short runs
 *     would measure how fast Temporal starts workflows more than how fast tokens travel
 * @param loads concurrent runs (one SSE client each) per load phase
 * @param loadSeconds how long each load phase keeps starting runs (0 = one round)
 * @param fanoutClients clients following one run in the fan-out phase
 * @param fanoutRounds runs (one after another) in the fan-out phase
 * @param rampLevels concurrency levels of the as-fast-as-possible ramp (empty = no ramp)
 * @param rampSeconds how long each ramp level keeps starting runs
 * @param rampP99LimitMillis the ramp stops after the first level whose p99 exceeds this
 * @param tripHistories whether to measure trip-planner histories at two plan lengths
 * @param shortTripDays days of the short trip (about 100 plan tokens)
 * @param longTripDays days of the long trip (about 1,000 plan tokens)
 * @param warmupRuns runs per mode before measuring, not recorded (JIT warm-up)
 * @param redisUrl Redis for the redis mode
 * @param modes the modes to measure (all four unless narrowed down for an investigation)
 */
record BenchConfig(
    String name,
    double tokensPerSecond,
    int answerWords,
    List<Integer> loads,
    List<Integer> loadSeconds,
    int fanoutClients,
    int fanoutRounds,
    List<Integer> rampLevels,
    int rampSeconds,
    double rampP99LimitMillis,
    boolean tripHistories,
    int shortTripDays,
    int longTripDays,
    int warmupRuns,
    String redisUrl,
    List<String> modes) {

  static final List<String> ALL_MODES =
      List.of(Bench.DIRECT, Bench.MEMORY, Bench.POLLING, Bench.REDIS);

  static final String DEFAULT_REDIS = "redis://127.0.0.1:6379";

  /**
   * About ten minutes on two cores: 500-word answers (about 10 s each); loads 1, 50, 200; fan-out 1
   * x 100; ramp to 128.
   */
  static BenchConfig full() {
    return new BenchConfig(
        "full",
        50,
        500,
        List.of(1, 50, 200),
        List.of(8, 15, 20),
        100,
        3,
        List.of(1, 2, 4, 8, 16, 32, 64, 128),
        5,
        100,
        true,
        2,
        30,
        100,
        DEFAULT_REDIS,
        ALL_MODES);
  }

  /**
   * About a minute and a half (86 s on 2 cores): 60-word answers, loads 1 and 20, fan-out 1 x 20, a
   * short ramp.
   */
  static BenchConfig quick() {
    return new BenchConfig(
        "quick",
        50,
        60,
        List.of(1, 20),
        List.of(1, 3),
        20,
        1,
        List.of(1, 4, 16),
        2,
        100,
        true,
        2,
        30,
        4,
        DEFAULT_REDIS,
        ALL_MODES);
  }

  /** The CI smoke test: tiny loads, one round each, no ramp and no trip histories. */
  static BenchConfig smoke() {
    return new BenchConfig(
        "smoke",
        50,
        0,
        List.of(1, 5),
        List.of(0, 0),
        5,
        1,
        List.of(),
        0,
        100,
        false,
        2,
        30,
        0,
        DEFAULT_REDIS,
        ALL_MODES);
  }

  BenchConfig withRedisUrl(String url) {
    return new BenchConfig(
        name,
        tokensPerSecond,
        answerWords,
        loads,
        loadSeconds,
        fanoutClients,
        fanoutRounds,
        rampLevels,
        rampSeconds,
        rampP99LimitMillis,
        tripHistories,
        shortTripDays,
        longTripDays,
        warmupRuns,
        url,
        modes);
  }

  BenchConfig withTokensPerSecond(double rate) {
    return new BenchConfig(
        name,
        rate,
        answerWords,
        loads,
        loadSeconds,
        fanoutClients,
        fanoutRounds,
        rampLevels,
        rampSeconds,
        rampP99LimitMillis,
        tripHistories,
        shortTripDays,
        longTripDays,
        warmupRuns,
        redisUrl,
        modes);
  }

  /** Only these modes; no ramp or trip histories unless their modes are included. */
  BenchConfig withModes(List<String> only) {
    return new BenchConfig(
        name,
        tokensPerSecond,
        answerWords,
        loads,
        loadSeconds,
        fanoutClients,
        fanoutRounds,
        rampLevels,
        rampSeconds,
        rampP99LimitMillis,
        tripHistories,
        shortTripDays,
        longTripDays,
        warmupRuns,
        redisUrl,
        only);
  }

  /** These loads, each phase {@code seconds} long; no fan-out when {@code fanout} is 0. */
  BenchConfig withLoads(List<Integer> only, int seconds, int fanout) {
    return new BenchConfig(
        name,
        tokensPerSecond,
        answerWords,
        only,
        only.stream().map(l -> seconds).toList(),
        fanout,
        fanoutRounds,
        rampLevels,
        rampSeconds,
        rampP99LimitMillis,
        tripHistories,
        shortTripDays,
        longTripDays,
        warmupRuns,
        redisUrl,
        modes);
  }

  BenchConfig withoutRampAndTrips() {
    return new BenchConfig(
        name,
        tokensPerSecond,
        answerWords,
        loads,
        loadSeconds,
        fanoutClients,
        fanoutRounds,
        List.of(),
        rampSeconds,
        rampP99LimitMillis,
        false,
        shortTripDays,
        longTripDays,
        warmupRuns,
        redisUrl,
        modes);
  }

  BenchConfig withAnswerWords(int words) {
    return new BenchConfig(
        name,
        tokensPerSecond,
        words,
        loads,
        loadSeconds,
        fanoutClients,
        fanoutRounds,
        rampLevels,
        rampSeconds,
        rampP99LimitMillis,
        tripHistories,
        shortTripDays,
        longTripDays,
        warmupRuns,
        redisUrl,
        modes);
  }

  /** About how many tokens each run streams. */
  int tokensPerRun() {
    return answerWords > 0 ? answerWords + 20 : 70;
  }

  boolean measures(String mode) {
    return modes.contains(mode);
  }
}
