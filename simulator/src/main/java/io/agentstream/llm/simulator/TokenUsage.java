package io.agentstream.llm.simulator;

import java.util.List;

/**
 * Token counts reported in the {@code usage} object, measured with the simulator's own tokenizer.
 */
record TokenUsage(int promptTokens, int completionTokens) {

  /** Per-message framing overhead, as OpenAI's own accounting adds a few tokens per message. */
  private static final int TOKENS_PER_MESSAGE = 4;

  static TokenUsage of(List<ChatTurn> prompt, int completionTokens) {
    int promptTokens = 0;
    for (ChatTurn turn : prompt) {
      promptTokens += TOKENS_PER_MESSAGE + SimulatedTokenizer.tokenize(turn.content()).size();
    }
    return new TokenUsage(promptTokens, completionTokens);
  }

  int totalTokens() {
    return promptTokens + completionTokens;
  }
}
