package io.agentstream.llm.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The reasoning block a reasoning model writes before its answer when its server leaves it in the
 * content: {@code <think>}, a few words of reasoning, {@code </think>} and a blank line. The tags
 * are split over chunks, as a tokenizer splits them, so a client has to put them together.
 */
final class ThinkingAloud {

  private ThinkingAloud() {}

  /** The reply's tokens with the block in front. */
  static List<String> before(List<String> answer, String task) {
    List<String> tokens = new ArrayList<>(List.of("<th", "ink", ">", "\n"));
    tokens.addAll(
        SimulatedTokenizer.tokenize(
            "The task is "
                + (task == null ? "a plain question" : task)
                + ". I should answer in the form asked, nothing more."));
    tokens.addAll(List.of("\n", "</", "think", ">", "\n\n"));
    tokens.addAll(answer);
    return tokens;
  }
}
