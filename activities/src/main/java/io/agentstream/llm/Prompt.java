package io.agentstream.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A chat prompt for one step. The first system line names the task ({@code Task: plan}); real
 * models read it as an instruction and the built-in simulator uses it to pick its reply.
 *
 * @param task short task name
 * @param instructions system instructions after the task line
 * @param input the user message with the material to work on
 */
public record Prompt(String task, String instructions, String input) {

  static final String CONTINUE =
      "Continue exactly where you stopped. Do not repeat anything already written; output only the continuation.";

  /**
   * The messages for a fresh start, or for continuing after {@code partial} when it is not empty.
   */
  public List<ChatMessage> messages(String partial) {
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(SystemMessage.from("Task: " + task + "\n" + instructions));
    messages.add(UserMessage.from(input));
    if (partial != null && !partial.isEmpty()) {
      messages.add(AiMessage.from(partial));
      messages.add(UserMessage.from(CONTINUE));
    }
    return messages;
  }
}
