package io.agentstream.llm.simulator;

import java.util.Objects;

/**
 * One message of an OpenAI chat request, reduced to what the simulator reads: who said it, its text
 * and, for an assistant message, whether it called tools and the reasoning sent back with it.
 *
 * @param callsTools whether the message carries {@code tool_calls}
 * @param reasoning its {@code reasoning_content}, {@code ""} when it has none
 */
record ChatTurn(String role, String content, boolean callsTools, String reasoning) {

  ChatTurn {
    Objects.requireNonNull(role, "role");
    content = content == null ? "" : content;
    reasoning = reasoning == null ? "" : reasoning;
  }

  /** A message without tool calls or reasoning. */
  ChatTurn(String role, String content) {
    this(role, content, false, "");
  }

  boolean isSystem() {
    return "system".equals(role) || "developer".equals(role);
  }

  boolean isUser() {
    return "user".equals(role);
  }

  boolean isAssistant() {
    return "assistant".equals(role);
  }

  /**
   * An assistant turn that called tools and came back without its reasoning, which a server in
   * DeepSeek's thinking mode refuses.
   */
  boolean callsToolsWithoutReasoning() {
    return isAssistant() && callsTools && reasoning.isBlank();
  }
}
