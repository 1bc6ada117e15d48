package io.agentstream.llm.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the simulated model has been asked and what it delivered, per task. Tests of the whole
 * project use it to prove things a client cannot see on its own: that a resumed step asked only for
 * the rest of the text, or that a retried step did not re-generate tokens already delivered.
 *
 * <p>Requests without a {@code Task:} line are counted under {@link #NO_TASK}.
 */
public final class SimulatorStats {

  /** Key used for requests whose system message names no task. */
  public static final String NO_TASK = "(none)";

  private final ConcurrentMap<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, LongAdder> completedStreams = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, LongAdder> abortedStreams = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, LongAdder> tokensEmitted = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, LongAdder> continuations = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, LongAdder> promptTokens = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, LongAdder> completionTokens = new ConcurrentHashMap<>();

  /** A consistent-enough copy of all counters; values of a task may be missing when zero. */
  public SimulatorStatsSnapshot snapshot() {
    return new SimulatorStatsSnapshot(
        copy(requests),
        copy(completedStreams),
        copy(abortedStreams),
        copy(tokensEmitted),
        copy(continuations),
        copy(promptTokens),
        copy(completionTokens));
  }

  /** Zeroes every counter, e.g. between tests sharing one simulator. */
  public void reset() {
    requests.clear();
    completedStreams.clear();
    abortedStreams.clear();
    tokensEmitted.clear();
    continuations.clear();
    promptTokens.clear();
    completionTokens.clear();
  }

  /** The usage a reply reported to its client (its {@code usage} object was sent). */
  void recordUsage(String task, TokenUsage usage) {
    add(promptTokens, task, usage.promptTokens());
    add(completionTokens, task, usage.completionTokens());
  }

  void recordRequest(String task) {
    add(requests, task, 1);
  }

  void recordContinuation(String task) {
    add(continuations, task, 1);
  }

  void recordToken(String task) {
    add(tokensEmitted, task, 1);
  }

  /**
   * A reply delivered in full: a stream that reached {@code [DONE]}, or a non-streaming response.
   */
  void recordCompleted(String task) {
    add(completedStreams, task, 1);
  }

  /** A stream that ended early: the client went away or a fault cut it. */
  void recordAborted(String task) {
    add(abortedStreams, task, 1);
  }

  private static void add(ConcurrentMap<String, LongAdder> counters, String task, long amount) {
    counters.computeIfAbsent(task == null ? NO_TASK : task, key -> new LongAdder()).add(amount);
  }

  private static Map<String, Long> copy(ConcurrentMap<String, LongAdder> counters) {
    Map<String, Long> copy = new TreeMap<>();
    counters.forEach((task, count) -> copy.put(task, count.sum()));
    return copy;
  }
}
