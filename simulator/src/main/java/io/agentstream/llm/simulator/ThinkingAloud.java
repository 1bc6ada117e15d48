package io.agentstream.llm.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The reasoning a simulated reasoning model writes before its answer ({@link SimulatedReasoning}):
 * a few words, and for {@link SimulatedReasoning#IN_CONTENT} the {@code <think>} tags around them,
 * split over chunks as a tokenizer splits them, so a client has to put them together.
 */
final class ThinkingAloud {

  private ThinkingAloud() {}

  /** The reasoning alone, as streamed in {@code reasoning_content}. */
  static List<String> reasoning(String task) {
    return SimulatedTokenizer.tokenize(
        "The task is "
            + (task == null ? "a plain question" : task)
            + ". I should answer in the form asked, nothing more.");
  }

  /** The reasoning before a round of tool calls, as streamed in {@code reasoning_content}. */
  static List<String> beforeCalls(String task) {
    return SimulatedTokenizer.tokenize(
        "The task is "
            + (task == null ? "a plain question" : task)
            + ". A tool can tell me what I do not know, so I call it first.");
  }

  /** The reply's tokens with the reasoning in front, in a {@code <think>} block. */
  static List<String> before(List<String> answer, String task) {
    List<String> tokens = new ArrayList<>(List.of("<th", "ink", ">", "\n"));
    tokens.addAll(reasoning(task));
    tokens.addAll(List.of("\n", "</", "think", ">", "\n\n"));
    tokens.addAll(answer);
    return tokens;
  }
}
