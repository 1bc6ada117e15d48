package io.agentstream.llm.simulator;

/**
 * Decides what to stream when a client asks to continue a reply it already holds part of.
 *
 * <p>The project resumes interrupted LLM steps by sending the partial text back as an assistant
 * message. A real model continues it only approximately; the simulator does better so tests can
 * assert the exact property the project promises: partial text plus continuation equals the reply,
 * with nothing repeated.
 */
final class Continuation {

  /**
   * Appended when the partial text is not a prefix of this request's reply, e.g. after a prompt
   * change.
   */
  static final String UNRELATED_PARTIAL_CONTINUATION =
      " (continuing from the partial reply) That completes the answer.";

  private Continuation() {}

  /** The text still owed to a client that holds {@code partial} of {@code fullReply}. */
  static String remainderOf(String fullReply, String partial) {
    if (fullReply.startsWith(partial)) {
      return fullReply.substring(partial.length());
    }
    return UNRELATED_PARTIAL_CONTINUATION;
  }
}
