package io.agentstream.api.crash;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstream.protocol.ToolCall;
import io.agentstream.protocol.ToolCallStatus;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A tool call as the crash tests compare calls across attempts: {@code <name> <arguments>}. The
 * model's call ids change when a retry asks it again; a repeated call has the same name and
 * arguments.
 */
final class ToolCallKeys {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ToolCallKeys() {}

  /** The key of one call. */
  static String of(ToolCall call) {
    return call.name() + " " + call.arguments();
  }

  /** The keys of calls. */
  static Set<String> all(List<ToolCall> calls) {
    return calls.stream().map(ToolCallKeys::of).collect(Collectors.toSet());
  }

  /** The keys of the calls that completed with a result. */
  static Set<String> completed(List<ToolCall> calls) {
    return all(calls.stream().filter(c -> c.status() == ToolCallStatus.COMPLETED).toList());
  }

  /** Calls as an event's JSON holds them (a {@code step.rewind}'s {@code toolCalls}). */
  static List<ToolCall> fromJson(Object json) {
    return json == null
        ? List.of()
        : JSON.convertValue(
            json, JSON.getTypeFactory().constructCollectionType(List.class, ToolCall.class));
  }

  /**
   * The progress line a deep-research step streams when it runs the call with this key ({@code
   * Searching: <query>} or {@code Reading <documentId>, <section>}): a tool that ran says so even
   * if its call were not streamed.
   */
  static String executionProgress(String key) {
    String name = key.substring(0, key.indexOf(' '));
    Map<?, ?> arguments = read(key.substring(key.indexOf(' ') + 1));
    return "search".equals(name)
        ? "Searching: " + arguments.get("query")
        : "Reading " + arguments.get("documentId") + ", " + arguments.get("section");
  }

  private static Map<?, ?> read(String json) {
    try {
      return JSON.readValue(json, Map.class);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
