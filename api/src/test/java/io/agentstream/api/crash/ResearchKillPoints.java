package io.agentstream.api.crash;

import io.agentstream.api.client.StreamedRun;
import io.agentstream.protocol.StepStatus;
import io.agentstream.run.StepCheckpoint;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The points at which killing a deep-research run's app tests a resume. Each needs a checkpoint in
 * the engine worth resuming from: the SDK sends a heartbeat at most every 0.8 heartbeat timeouts,
 * so what a client has seen is not durable yet. Each judges the steps as the client saw them, read
 * before the engine's checkpoints, so everything the client saw had reached the live channel by
 * then.
 */
final class ResearchKillPoints {

  private ResearchKillPoints() {}

  /**
   * Indexing with documents in the engine's checkpoint (two at least) and enough left (four at
   * least) that the retry has documents to skip and documents to embed.
   */
  static boolean midIndexing(
      Map<String, StreamedRun.Step> seen, Map<String, StepCheckpoint> durable) {
    StreamedRun.Step index = seen.get("index");
    StepCheckpoint checkpoint = durable.get("index");
    return index != null
        && index.status() == StepStatus.RUNNING
        && checkpoint != null
        && checkpoint.items().size() >= 2
        && index.items().size() <= total(index) - 4;
  }

  private static int total(StreamedRun.Step index) {
    return index.items().isEmpty()
        ? Integer.MAX_VALUE
        : ((Number) ((Map<?, ?>) index.items().get(0)).get("total")).intValue();
  }

  /**
   * Research steps running, every one of them (as the client or the engine knows them) with at
   * least one tool call in the engine's checkpoint and every call the client saw it complete there
   * too, so whatever completed before the kill is known to be durable; and the client has seen at
   * least one call complete.
   */
  static boolean midResearch(
      Map<String, StreamedRun.Step> seen, Map<String, StepCheckpoint> durable) {
    Set<String> running = new HashSet<>();
    seen.forEach(
        (id, s) -> {
          if (id.startsWith("research-") && s.status() == StepStatus.RUNNING) {
            running.add(id);
          }
        });
    durable.keySet().stream().filter(id -> id.startsWith("research-")).forEach(running::add);
    return running.stream().anyMatch(id -> !completedSeen(seen, id).isEmpty())
        && running.stream()
            .allMatch(
                id ->
                    durable.containsKey(id)
                        && !durable.get(id).toolCalls().isEmpty()
                        && ToolCallKeys.all(durable.get(id).toolCalls())
                            .containsAll(completedSeen(seen, id)));
  }

  /** The calls the client saw complete in a step (none for a step it does not know yet). */
  static Set<String> completedSeen(Map<String, StreamedRun.Step> seen, String step) {
    StreamedRun.Step s = seen.get(step);
    return s == null ? Set.of() : ToolCallKeys.completed(s.toolCalls());
  }

  /** The report streaming, with some of its text in the engine's checkpoint. */
  static boolean midReport(
      Map<String, StreamedRun.Step> seen, Map<String, StepCheckpoint> durable) {
    StreamedRun.Step s = seen.get("report");
    StepCheckpoint checkpoint = durable.get("report");
    return s != null
        && s.status() == StepStatus.RUNNING
        && checkpoint != null
        && !checkpoint.text().isEmpty();
  }
}
