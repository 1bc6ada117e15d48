package io.agentstream.llm.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a {@code POST /chat/completions} body the simulator acts on. Everything else a
 * client may send (temperature, tools, ...) is accepted and ignored, as a lenient server would.
 */
record ChatCompletionCall(
    String model, boolean stream, boolean includeUsage, List<ChatTurn> messages) {

  static final String DEFAULT_MODEL = "agentstream-simulator";

  ChatCompletionCall {
    messages = List.copyOf(messages);
  }

  /**
   * Reads a request body.
   *
   * @throws IllegalArgumentException when the body is not JSON or has no {@code messages} array,
   *     which the caller turns into an HTTP 400 like OpenAI does
   */
  static ChatCompletionCall parse(byte[] body, ObjectMapper json) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException("request body could not be read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("request body must be a JSON object");
    }
    JsonNode messages = root.path("messages");
    if (!messages.isArray()) {
      throw new IllegalArgumentException("'messages' must be an array");
    }
    List<ChatTurn> turns = new ArrayList<>();
    for (JsonNode message : messages) {
      turns.add(new ChatTurn(message.path("role").asText("user"), textOf(message.path("content"))));
    }
    String model = root.path("model").asText("");
    return new ChatCompletionCall(
        model.isBlank() ? DEFAULT_MODEL : model,
        root.path("stream").asBoolean(false),
        root.path("stream_options").path("include_usage").asBoolean(false),
        turns);
  }

  /** Content is either a string or an array of parts; only text parts matter here. */
  private static String textOf(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    if (content.isArray()) {
      StringBuilder text = new StringBuilder();
      for (JsonNode part : content) {
        if (part.path("text").isTextual()) {
          text.append(part.path("text").asText());
        }
      }
      return text.toString();
    }
    return "";
  }
}
