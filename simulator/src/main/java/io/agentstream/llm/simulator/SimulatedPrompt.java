package io.agentstream.llm.simulator;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How the project's callers talk to the model, decoded: which task the request is for, the material
 * to work on, and the partial reply the caller already holds when it asks to continue an
 * interrupted step.
 *
 * <p>The conventions are deliberately simple so that any prompt the project builds can be
 * recognised: the first line of the first system message reads {@code Task: <name>}, the first user
 * message is the material, and assistant messages after it are text the client already received.
 *
 * @param task task name in lower case, or {@code null} when there is no {@code Task:} line
 * @param material the first user message, or empty
 * @param partialReply the reply text the client already has, or {@code null} when this is not a
 *     continuation
 */
record SimulatedPrompt(String task, String material, String partialReply) {

  private static final String TASK_PREFIX = "task:";

  static SimulatedPrompt of(List<ChatTurn> messages) {
    return new SimulatedPrompt(
        taskOf(messages), materialOf(messages), partialReplyOf(messages).orElse(null));
  }

  boolean isContinuation() {
    return partialReply != null;
  }

  private static String taskOf(List<ChatTurn> messages) {
    return messages.stream()
        .filter(ChatTurn::isSystem)
        .findFirst()
        .map(system -> firstLine(system.content()).strip())
        .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(TASK_PREFIX))
        .map(line -> line.substring(TASK_PREFIX.length()).strip().toLowerCase(Locale.ROOT))
        .filter(name -> !name.isEmpty())
        .orElse(null);
  }

  private static String materialOf(List<ChatTurn> messages) {
    return messages.stream().filter(ChatTurn::isUser).findFirst().map(ChatTurn::content).orElse("");
  }

  /**
   * Every assistant message with text after the first user message, joined. A step interrupted
   * twice may hand back its partial text in one message or in several; either way the client holds
   * their concatenation.
   */
  private static Optional<String> partialReplyOf(List<ChatTurn> messages) {
    int firstUser = -1;
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i).isUser()) {
        firstUser = i;
        break;
      }
    }
    if (firstUser < 0) {
      return Optional.empty();
    }
    StringBuilder partial = null;
    for (ChatTurn turn : messages.subList(firstUser + 1, messages.size())) {
      // An assistant turn that only called tools wrote no text: it is not a partial reply.
      if (turn.isAssistant() && !turn.content().isEmpty()) {
        partial = partial == null ? new StringBuilder() : partial;
        partial.append(turn.content());
      }
    }
    return Optional.ofNullable(partial).map(StringBuilder::toString);
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
