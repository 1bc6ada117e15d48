package io.agentstream.llm.simulator;

/**
 * Whether, and where, the simulated model reasons before its text replies, as a reasoning model
 * (DeepSeek-R1, Qwen3) does.
 */
public enum SimulatedReasoning {
  /** No reasoning: the reply is the answer (the default). */
  NONE,
  /**
   * A {@code <think>…</think>} block before the answer, in the content, as a server sends it that
   * does not split reasoning off; its tags come split over chunks. Its tokens count as output and
   * against {@code max_tokens}.
   */
  IN_CONTENT,
  /**
   * The reasoning first, in a field of its own ({@code reasoning_content}, as DeepSeek's API and
   * vLLM send it), then the answer; a round of tool calls is reasoned about first too, as
   * DeepSeek's thinking mode does. Its tokens count as output, not against {@code max_tokens}.
   */
  IN_REASONING_FIELD
}
