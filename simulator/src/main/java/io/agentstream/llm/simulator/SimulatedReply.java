package io.agentstream.llm.simulator;

import java.util.List;

/**
 * One reply about to be sent: the identifiers every chunk repeats, the tokens in order, and the
 * usage.
 *
 * @param id {@code chatcmpl-...} id shared by all chunks of the reply, as OpenAI does
 * @param created epoch seconds; metadata only, never part of the text
 * @param model model name echoed from the request
 * @param task task the reply belongs to, for stats
 * @param tokens the text to deliver, already split; may be empty when a continuation has nothing
 *     left
 * @param usage token counts for the final usage chunk
 * @param finishReason {@code stop}, or {@code length} when {@code max_tokens} cut the reply
 * @param reasoning tokens streamed before the text in {@code reasoning_content}; usually none
 */
record SimulatedReply(
    String id,
    long created,
    String model,
    String task,
    List<String> tokens,
    TokenUsage usage,
    String finishReason,
    List<String> reasoning) {

  SimulatedReply {
    tokens = List.copyOf(tokens);
    reasoning = List.copyOf(reasoning);
  }

  /** A reply without reasoning. */
  SimulatedReply(
      String id,
      long created,
      String model,
      String task,
      List<String> tokens,
      TokenUsage usage,
      String finishReason) {
    this(id, created, model, task, tokens, usage, finishReason, List.of());
  }

  /** A reply the model finished by itself. */
  SimulatedReply(
      String id, long created, String model, String task, List<String> tokens, TokenUsage usage) {
    this(id, created, model, task, tokens, usage, OpenAiWireFormat.FINISH_STOP);
  }

  /** Task name for logs; requests without one show as {@link SimulatorStats#NO_TASK}. */
  String taskLabel() {
    return task == null ? SimulatorStats.NO_TASK : task;
  }

  String text() {
    return String.join("", tokens);
  }
}
