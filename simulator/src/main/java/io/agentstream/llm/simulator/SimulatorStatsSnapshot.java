package io.agentstream.llm.simulator;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counters of a {@link SimulatorStats} at one moment, keyed by task name. Serialized as-is by
 * {@code GET /admin/stats} so tests in other processes see the same shape.
 *
 * @param requests chat-completion requests received, including those refused by a fault
 * @param completedStreams replies delivered in full (streams that reached {@code [DONE]}, plus
 *     non-streaming replies)
 * @param abortedStreams streams that ended early because the client left or a fault cut them
 * @param tokensEmitted content tokens actually written to clients
 * @param continuations requests that carried a partial assistant reply to be continued
 * @param promptTokens {@code usage.prompt_tokens} reported to clients (replies whose usage was
 *     sent: complete ones, streamed with {@code stream_options.include_usage})
 * @param completionTokens {@code usage.completion_tokens} reported to clients, likewise
 */
public record SimulatorStatsSnapshot(
    Map<String, Long> requests,
    Map<String, Long> completedStreams,
    Map<String, Long> abortedStreams,
    Map<String, Long> tokensEmitted,
    Map<String, Long> continuations,
    Map<String, Long> promptTokens,
    Map<String, Long> completionTokens) {

  public SimulatorStatsSnapshot {
    requests = sorted(requests);
    completedStreams = sorted(completedStreams);
    abortedStreams = sorted(abortedStreams);
    tokensEmitted = sorted(tokensEmitted);
    continuations = sorted(continuations);
    promptTokens = sorted(promptTokens == null ? Map.of() : promptTokens);
    completionTokens = sorted(completionTokens == null ? Map.of() : completionTokens);
  }

  public long promptTokens(String task) {
    return promptTokens.getOrDefault(task, 0L);
  }

  public long completionTokens(String task) {
    return completionTokens.getOrDefault(task, 0L);
  }

  /** Prompt tokens reported over every task. */
  public long totalPromptTokens() {
    return promptTokens.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Completion tokens reported over every task. */
  public long totalCompletionTokens() {
    return completionTokens.values().stream().mapToLong(Long::longValue).sum();
  }

  private static Map<String, Long> sorted(Map<String, Long> counts) {
    return Collections.unmodifiableMap(new TreeMap<>(counts));
  }

  public long requests(String task) {
    return requests.getOrDefault(task, 0L);
  }

  public long completedStreams(String task) {
    return completedStreams.getOrDefault(task, 0L);
  }

  public long abortedStreams(String task) {
    return abortedStreams.getOrDefault(task, 0L);
  }

  public long tokensEmitted(String task) {
    return tokensEmitted.getOrDefault(task, 0L);
  }

  public long continuations(String task) {
    return continuations.getOrDefault(task, 0L);
  }

  /** All requests over every task. */
  public long totalRequests() {
    return requests.values().stream().mapToLong(Long::longValue).sum();
  }
}
