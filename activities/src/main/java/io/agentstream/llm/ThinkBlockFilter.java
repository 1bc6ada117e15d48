package io.agentstream.llm;

import java.util.function.Consumer;

/**
 * Takes a reasoning model's {@code <think>…</think>} block off the front of its streamed reply.
 * Servers that do not split reasoning into a field of its own ({@code reasoning_content}, which the
 * OpenAI client leaves out of the text) send it as the reply's first text, where it would be
 * streamed to clients as the answer, written into a report, or break the JSON of a structured
 * reply.
 *
 * <p>Only a block that opens the reply counts (after white space): a {@code <think>} later in the
 * text is the answer's own. Pieces arrive as the server splits them, so a tag may come in parts;
 * text that could still be the start of {@code <think>} is held back until it is clear, which is at
 * most seven characters. The block's text is the model's reasoning: it goes to the step as it
 * arrives, never as the answer, as does reasoning a server sends in a field of its own. One filter
 * per model call; not thread-safe, which it need not be: a call's pieces arrive in order on the
 * client's thread.
 */
final class ThinkBlockFilter {

  private static final String OPEN = "<think>";
  private static final String CLOSE = "</think>";

  private enum State {
    /** Nothing but white space and perhaps the start of {@link #OPEN} has arrived. */
    START,
    /** Inside the block: dropped up to {@link #CLOSE}. */
    THINKING,
    /** Just after the block: the white space that separates it from the answer is dropped. */
    AFTER,
    /** The answer: passed through. */
    ANSWER
  }

  private final Runnable onThinking;
  private final Consumer<String> onReasoning;
  private boolean told;

  /** True until the block's first text: the white space after {@code <think>} is dropped. */
  private boolean blockStart = true;

  private State state = State.START;
  private final StringBuilder held = new StringBuilder();

  /**
   * @param onThinking told once, when the reply turns out to open with a reasoning block, so the
   *     step can say the model is thinking while nothing of the answer arrives
   * @param onReasoning receives the reasoning's text as it arrives, from the block or the field
   */
  ThinkBlockFilter(Runnable onThinking, Consumer<String> onReasoning) {
    this.onThinking = onThinking;
    this.onReasoning = onReasoning;
  }

  /** A filter whose reasoning goes nowhere but the notice. */
  ThinkBlockFilter(Runnable onThinking) {
    this(onThinking, reasoning -> {});
  }

  /** The part of {@code piece} that is the answer; empty while the model thinks. */
  String accept(String piece) {
    if (piece == null || piece.isEmpty()) {
      return "";
    }
    if (state == State.ANSWER) {
      return piece;
    }
    held.append(piece);
    StringBuilder out = new StringBuilder();
    boolean progressed = true;
    while (progressed) {
      progressed = step(out);
    }
    return out.toString();
  }

  /**
   * The model is reasoning in a field of its own ({@code reasoning_content}), which the client
   * keeps out of the text: the step is told, once, as for a block in the text.
   */
  void thinking() {
    if (!told) {
      told = true;
      onThinking.run();
    }
  }

  /** A piece of reasoning the server sent in a field of its own ({@code reasoning_content}). */
  void reasoning(String piece) {
    thinking();
    if (piece != null && !piece.isEmpty()) {
      onReasoning.accept(piece);
    }
  }

  /** Hands the block's text on, without the white space that opens it. */
  private void blockText(String piece) {
    String text = blockStart ? piece.stripLeading() : piece;
    if (!text.isEmpty()) {
      blockStart = false;
      onReasoning.accept(text);
    }
  }

  /** What was held back when the reply ended: text that only looked like the start of a tag. */
  String finish() {
    String rest = state == State.START ? held.toString() : "";
    held.setLength(0);
    state = State.ANSWER;
    return rest;
  }

  /** The length of the longest end of {@link #held} that {@link #CLOSE} starts with. */
  private int partOfCloseAtEnd() {
    for (int n = Math.min(held.length(), CLOSE.length() - 1); n > 0; n--) {
      if (CLOSE.startsWith(held.substring(held.length() - n))) {
        return n;
      }
    }
    return 0;
  }

  /** One move of the state machine over {@link #held}; false when it needs more text. */
  private boolean step(StringBuilder out) {
    switch (state) {
      case START -> {
        String text = held.toString();
        String trimmed = text.stripLeading();
        if (trimmed.startsWith(OPEN)) {
          held.delete(0, text.length() - trimmed.length() + OPEN.length());
          state = State.THINKING;
          thinking();
          return true;
        }
        if (trimmed.isEmpty() || OPEN.startsWith(trimmed)) {
          return false; // could still be the tag
        }
        out.append(text);
        held.setLength(0);
        state = State.ANSWER;
        return false;
      }
      case THINKING -> {
        int close = held.indexOf(CLOSE);
        if (close >= 0) {
          blockText(held.substring(0, close));
          held.delete(0, close + CLOSE.length());
          state = State.AFTER;
          return true;
        }
        // Hold back only what could be the start of the closing tag.
        int keep = partOfCloseAtEnd();
        blockText(held.substring(0, held.length() - keep));
        held.delete(0, held.length() - keep);
        return false;
      }
      case AFTER -> {
        String trimmed = held.toString().stripLeading();
        held.setLength(0);
        if (trimmed.isEmpty()) {
          return false;
        }
        out.append(trimmed);
        state = State.ANSWER;
        return false;
      }
      default -> {
        out.append(held);
        held.setLength(0);
        return false;
      }
    }
  }
}
