package io.agentstream.llm.simulator;

import java.util.Objects;

/**
 * One message of an OpenAI chat request, reduced to what the simulator reads: who said it and its
 * text.
 */
record ChatTurn(String role, String content) {

  ChatTurn {
    Objects.requireNonNull(role, "role");
    content = content == null ? "" : content;
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
}
