package io.agentstream.llm.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON documents of OpenAI's chat-completions API, built field by field so the shapes are
 * visible in one place and match what {@code OpenAiStreamingChatModel} parses.
 */
final class OpenAiWireFormat {

  static final String FINISH_STOP = "stop";

  /** The finish reason of a reply that {@code max_tokens} cut off. */
  static final String FINISH_LENGTH = "length";

  private final ObjectMapper json;

  OpenAiWireFormat(ObjectMapper json) {
    this.json = json;
  }

  /**
   * A {@code chat.completion.chunk} carrying one token; the first chunk of a reply also names the
   * role.
   */
  String tokenChunk(SimulatedReply reply, String token, boolean first) {
    ObjectNode delta = json.createObjectNode();
    if (first) {
      delta.put("role", "assistant");
    }
    delta.put("content", token);
    return write(chunk(reply, choice(delta).putNull("finish_reason")));
  }

  /** A chunk with a piece of the reasoning, in {@code reasoning_content} and no content. */
  String reasoningChunk(SimulatedReply reply, String piece, boolean first) {
    ObjectNode delta = json.createObjectNode();
    if (first) {
      delta.put("role", "assistant");
    }
    delta.put("reasoning_content", piece);
    return write(chunk(reply, choice(delta).putNull("finish_reason")));
  }

  /** The chunk that ends the choice; its delta is empty, as with the real API. */
  String finishChunk(SimulatedReply reply) {
    return finishChunk(reply, reply.finishReason());
  }

  /** The chunk that ends the choice for {@code reason} ({@code stop}, {@code tool_calls}). */
  String finishChunk(SimulatedReply reply, String reason) {
    return write(chunk(reply, choice(json.createObjectNode()).put("finish_reason", reason)));
  }

  /**
   * A chunk with part of tool call {@code index}: its first chunk carries the id, the type and the
   * function's name, every chunk a piece of the arguments, as OpenAI streams them.
   */
  String toolCallChunk(
      SimulatedReply reply,
      int index,
      SimulatedToolCalls.Call call,
      String argumentsPart,
      boolean firstOfCall,
      boolean firstOfReply) {
    ObjectNode function = json.createObjectNode();
    ObjectNode toolCall = json.createObjectNode().put("index", index);
    if (firstOfCall) {
      toolCall.put("id", call.id()).put("type", "function");
      function.put("name", call.name());
    }
    function.put("arguments", argumentsPart);
    toolCall.set("function", function);
    ObjectNode delta = json.createObjectNode();
    if (firstOfReply) {
      delta.put("role", "assistant");
      delta.putNull("content");
    }
    delta.putArray("tool_calls").add(toolCall);
    return write(chunk(reply, choice(delta).putNull("finish_reason")));
  }

  /** A whole {@code chat.completion} whose message is a round of tool calls. */
  String toolCallCompletion(SimulatedReply reply, List<SimulatedToolCalls.Call> calls) {
    ObjectNode completion = envelope(reply, "chat.completion");
    ObjectNode message = json.createObjectNode().put("role", "assistant");
    message.putNull("content");
    if (!reply.reasoning().isEmpty()) {
      message.put("reasoning_content", String.join("", reply.reasoning()));
    }
    ArrayNode toolCalls = message.putArray("tool_calls");
    for (SimulatedToolCalls.Call call : calls) {
      ObjectNode function =
          json.createObjectNode().put("name", call.name()).put("arguments", call.arguments());
      toolCalls.addObject().put("id", call.id()).put("type", "function").set("function", function);
    }
    ObjectNode choice = json.createObjectNode().put("index", 0);
    choice.set("message", message);
    choice.put("finish_reason", "tool_calls");
    completion.putArray("choices").add(choice);
    completion.set("usage", usage(reply.usage()));
    return write(completion);
  }

  /**
   * The trailing chunk sent when {@code stream_options.include_usage} is set: no choices, only
   * usage.
   */
  String usageChunk(SimulatedReply reply) {
    ObjectNode chunk = envelope(reply, "chat.completion.chunk");
    chunk.putArray("choices");
    chunk.set("usage", usage(reply.usage()));
    return write(chunk);
  }

  /** A whole {@code chat.completion}, for requests that did not ask to stream. */
  String completion(SimulatedReply reply) {
    ObjectNode completion = envelope(reply, "chat.completion");
    ObjectNode message =
        json.createObjectNode().put("role", "assistant").put("content", reply.text());
    ObjectNode choice = json.createObjectNode().put("index", 0);
    choice.set("message", message);
    choice.put("finish_reason", reply.finishReason());
    completion.putArray("choices").add(choice);
    completion.set("usage", usage(reply.usage()));
    return write(completion);
  }

  /** OpenAI's error body, {@code {"error":{"message","type","param","code"}}}. */
  String error(String message, String type, String code) {
    return error(message, type, null, code);
  }

  /** An error body naming the request parameter at fault ({@code param}), as OpenAI's do. */
  String error(String message, String type, String param, String code) {
    ObjectNode error = json.createObjectNode().put("message", message).put("type", type);
    if (param == null) {
      error.putNull("param");
    } else {
      error.put("param", param);
    }
    error.put("code", code);
    ObjectNode body = json.createObjectNode();
    body.set("error", error);
    return write(body);
  }

  /** The {@code GET /models} list, containing only the simulator itself. */
  String modelList() {
    ObjectNode model =
        json.createObjectNode()
            .put("id", ChatCompletionCall.DEFAULT_MODEL)
            .put("object", "model")
            .put("created", 0)
            .put("owned_by", "agentstream");
    ObjectNode list = json.createObjectNode().put("object", "list");
    list.putArray("data").add(model);
    return write(list);
  }

  String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ObjectNode chunk(SimulatedReply reply, ObjectNode choice) {
    ObjectNode chunk = envelope(reply, "chat.completion.chunk");
    chunk.putArray("choices").add(choice);
    return chunk;
  }

  private ObjectNode choice(ObjectNode delta) {
    ObjectNode choice = json.createObjectNode().put("index", 0);
    choice.set("delta", delta);
    return choice;
  }

  private ObjectNode envelope(SimulatedReply reply, String object) {
    return json.createObjectNode()
        .put("id", reply.id())
        .put("object", object)
        .put("created", reply.created())
        .put("model", reply.model());
  }

  private ObjectNode usage(TokenUsage usage) {
    return json.createObjectNode()
        .put("prompt_tokens", usage.promptTokens())
        .put("completion_tokens", usage.completionTokens())
        .put("total_tokens", usage.totalTokens());
  }
}
