package io.agentstream.llm.simulator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a {@code POST /chat/completions} body the simulator acts on. Everything else a
 * client may send (temperature, ...) is accepted and ignored, as a lenient server would.
 *
 * @param tools the functions offered ({@code tools[].function}), each its name and JSON schema
 * @param responseFormat the {@code response_format} type asked for ({@code json_schema}, {@code
 *     json_object}), or null
 * @param responseSchema the schema of {@code response_format: json_schema}; for {@code
 *     json_object}, the schema the system message gives (a model told "match this JSON schema"
 *     follows it); else null
 * @param maxTokens the most tokens the reply may have ({@code max_tokens}, or {@code
 *     max_completion_tokens}), or null for no limit
 * @param limitedByMaxTokens whether the limit came as {@code max_tokens}, which OpenAI's reasoning
 *     models refuse
 * @param reasoningEffort the {@code reasoning_effort} asked for ({@code minimal}, {@code low},
 *     ...), or null
 * @param thinkingTurnedOff whether the request turns the model's thinking off the way vLLM and
 *     SGLang take it for Qwen3 ({@code "chat_template_kwargs": {"enable_thinking": false}})
 */
record ChatCompletionCall(
    String model,
    boolean stream,
    boolean includeUsage,
    List<ChatTurn> messages,
    List<ToolSpec> tools,
    String responseFormat,
    JsonNode responseSchema,
    Integer maxTokens,
    boolean limitedByMaxTokens,
    String reasoningEffort,
    boolean thinkingTurnedOff) {

  static final String DEFAULT_MODEL = "agentstream-simulator";
  static final String JSON_SCHEMA = "json_schema";
  static final String JSON_OBJECT = "json_object";

  /** The {@code reasoning_effort} values OpenAI's reasoning models take. */
  static final List<String> REASONING_EFFORTS =
      List.of("none", "minimal", "low", "medium", "high", "xhigh");

  /** One function the client offers the model. */
  record ToolSpec(String name, JsonNode parameters) {}

  ChatCompletionCall {
    messages = List.copyOf(messages);
    tools = List.copyOf(tools);
  }

  /** The tool results the conversation holds, in order: JSON where they are, else as text. */
  List<JsonNode> toolResults(ObjectMapper json) {
    List<JsonNode> results = new ArrayList<>();
    for (ChatTurn turn : messages) {
      if ("tool".equals(turn.role())) {
        try {
          results.add(json.readTree(turn.content()));
        } catch (IOException e) {
          results.add(json.getNodeFactory().textNode(turn.content()));
        }
      }
    }
    return results;
  }

  /**
   * Whether the model is calling again because it was told its calls were wrong: tools are offered
   * and every tool result so far is an {@code {"error": …}}.
   */
  boolean wasToldItsCallsWereWrong(ObjectMapper json) {
    List<JsonNode> results = toolResults(json);
    return !tools.isEmpty()
        && !results.isEmpty()
        && results.stream().allMatch(r -> r.isObject() && r.has("error"));
  }

  /**
   * The index of the first assistant message that called tools without sending back its reasoning,
   * or -1.
   */
  int firstToolTurnWithoutReasoning() {
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i).callsToolsWithoutReasoning()) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether the client asked the model not to reason, or as little as it can ({@code
   * reasoning_effort} {@code none} or {@code minimal}, or its thinking turned off): a reasoning
   * model then answers at once.
   */
  boolean asksForNoReasoning() {
    return thinkingTurnedOff || "none".equals(reasoningEffort) || "minimal".equals(reasoningEffort);
  }

  /**
   * Whether the model's turn is a round of tool calls: tools are offered and the conversation does
   * not yet hold their results (the client sends those as {@code tool} messages).
   */
  boolean wantsToolCalls() {
    return !tools.isEmpty() && messages.stream().noneMatch(m -> "tool".equals(m.role()));
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
      JsonNode calls = message.path("tool_calls");
      turns.add(
          new ChatTurn(
              message.path("role").asText("user"),
              textOf(message.path("content")),
              calls.isArray() && !calls.isEmpty(),
              message.path("reasoning_content").asText("")));
    }
    List<ToolSpec> tools = new ArrayList<>();
    for (JsonNode tool : root.path("tools")) {
      JsonNode function = tool.path("function");
      if (function.path("name").isTextual()) {
        tools.add(new ToolSpec(function.path("name").asText(), function.path("parameters")));
      }
    }
    JsonNode format = root.path("response_format");
    String formatType = format.path("type").isTextual() ? format.path("type").asText() : null;
    JsonNode schema =
        switch (formatType == null ? "" : formatType) {
          case JSON_SCHEMA -> format.path("json_schema").path("schema");
          case JSON_OBJECT -> schemaIn(turns, json);
          default -> null;
        };
    String model = root.path("model").asText("");
    JsonNode limit =
        root.path("max_tokens").isIntegralNumber()
            ? root.path("max_tokens")
            : root.path("max_completion_tokens");
    return new ChatCompletionCall(
        model.isBlank() ? DEFAULT_MODEL : model,
        root.path("stream").asBoolean(false),
        root.path("stream_options").path("include_usage").asBoolean(false),
        turns,
        tools,
        formatType,
        schema == null || schema.isMissingNode() ? null : schema,
        limit.isIntegralNumber() && limit.asInt() > 0 ? limit.asInt() : null,
        root.has("max_tokens"),
        root.path("reasoning_effort").isTextual() ? root.path("reasoning_effort").asText() : null,
        root.path("chat_template_kwargs").path("enable_thinking").isBoolean()
            && !root.path("chat_template_kwargs").path("enable_thinking").asBoolean());
  }

  /**
   * The JSON schema a system message gives, as the first JSON object on a line of its own that
   * describes an object ({@code "type": "object"}), or null.
   */
  private static JsonNode schemaIn(List<ChatTurn> turns, ObjectMapper json) {
    for (ChatTurn turn : turns) {
      if (!"system".equals(turn.role())) {
        continue;
      }
      String text = turn.content();
      for (int at = text.indexOf("\n{"); at >= 0; at = text.indexOf("\n{", at + 1)) {
        try (JsonParser parser = json.getFactory().createParser(text.substring(at + 1))) {
          JsonNode candidate = json.readTree(parser);
          if (candidate != null && "object".equals(candidate.path("type").asText())) {
            return candidate;
          }
        } catch (IOException e) {
          // Not JSON: look further.
        }
      }
    }
    return null;
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
