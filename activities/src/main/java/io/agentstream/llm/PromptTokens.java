package io.agentstream.llm;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;

/**
 * About how many tokens a request's prompt is, for a call the step stopped before the model
 * reported its usage: the provider read (and bills) the prompt all the same, and a token budget
 * that counted it as nothing would let every stopped call's prompt through free. Four characters a
 * token, OpenAI's rule of thumb for English, plus a few per message for its framing; the tools
 * offered count by their names, descriptions and parameter schemas.
 */
final class PromptTokens {

  private static final int CHARS_PER_TOKEN = 4;
  private static final int TOKENS_PER_MESSAGE = 4;

  private PromptTokens() {}

  static long estimate(ChatRequest request) {
    long chars = 0;
    long messages = 0;
    for (ChatMessage message : request.messages()) {
      chars += textOf(message).length();
      messages++;
    }
    if (request.toolSpecifications() != null) {
      for (ToolSpecification tool : request.toolSpecifications()) {
        chars += tool.name().length();
        chars += tool.description() == null ? 0 : tool.description().length();
        chars += tool.parameters() == null ? 0 : tool.parameters().toString().length();
      }
    }
    return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN + messages * TOKENS_PER_MESSAGE;
  }

  private static String textOf(ChatMessage message) {
    if (message instanceof SystemMessage system) {
      return system.text();
    }
    if (message instanceof UserMessage user) {
      return userText(user);
    }
    if (message instanceof AiMessage ai) {
      return aiText(ai);
    }
    if (message instanceof ToolExecutionResultMessage result) {
      return result.toolName() + result.text();
    }
    return message.toString();
  }

  private static String userText(UserMessage user) {
    StringBuilder text = new StringBuilder();
    for (Content content : user.contents()) {
      if (content instanceof TextContent t) {
        text.append(t.text());
      }
    }
    return text.toString();
  }

  private static String aiText(AiMessage ai) {
    StringBuilder text = new StringBuilder(ai.text() == null ? "" : ai.text());
    if (ai.hasToolExecutionRequests()) {
      for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
        text.append(call.name()).append(call.arguments());
      }
    }
    return text.toString();
  }
}
