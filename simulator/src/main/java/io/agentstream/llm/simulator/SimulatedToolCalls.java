package io.agentstream.llm.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's round of tool calls: calls of the first tool offered, in one turn, one per value
 * of its widest {@code enum} (at most two), with arguments filled in from the tool's JSON schema,
 * so a client's parallel calls and streamed arguments are exercised. Deterministic: a {@code
 * destination} property gets the place the user named ("… trip to Rome"), an {@code enum} its
 * values in turn, a {@code category} without one {@code attraction} then {@code restaurant}.
 */
final class SimulatedToolCalls {

  /** One tool call: OpenAI's id, the function's name and its arguments as JSON text. */
  record Call(String id, String name, String arguments) {}

  /** Arguments go out in pieces this long, as a real model streams them a few tokens at a time. */
  static final int ARGUMENT_CHUNK = 12;

  private static final Pattern DESTINATION =
      Pattern.compile(
          // A name's words are on one line: "trip to Kyoto\nNo preference" is about Kyoto.
          "\\b(to|in|of|visit|visiting|around)[ \\t]+(\\p{Lu}[\\p{L}'-]+(?:[ \\t]+\\p{Lu}[\\p{L}'-]+)*)");
  private static final List<String> CATEGORIES = List.of("attraction", "restaurant");

  private SimulatedToolCalls() {}

  static List<Call> of(ChatCompletionCall call, ObjectMapper json, String replyId) {
    ChatCompletionCall.ToolSpec tool = call.tools().get(0);
    String destination = destinationIn(lastUserText(call));
    List<Call> calls = new ArrayList<>();
    String idPrefix = "call_" + replyId.substring(replyId.lastIndexOf('-') + 1) + "_";
    int count = 1;
    var properties = tool.parameters().path("properties").elements();
    while (properties.hasNext()) {
      count = Math.max(count, Math.min(2, properties.next().path("enum").size()));
    }
    for (int i = 0; i < count; i++) {
      int index = i;
      ObjectNode arguments = json.createObjectNode();
      tool.parameters()
          .path("properties")
          .fields()
          .forEachRemaining(p -> arguments.set(p.getKey(), value(json, p, destination, index)));
      calls.add(new Call(idPrefix + i, tool.name(), arguments.toString()));
    }
    return calls;
  }

  /** The place a request names: "Plan a 4-day trip to Rome" gives "Rome". */
  static String destinationIn(String text) {
    // A trip "to" a place names it more surely than "in": "Suggest attractions in Plan a trip to
    // Rome" (a request searched whole) is about Rome.
    Matcher m = DESTINATION.matcher(text == null ? "" : text);
    String first = null;
    while (m.find()) {
      if (!List.of("in", "of").contains(m.group(1))) {
        return m.group(2);
      }
      if (first == null) {
        first = m.group(2);
      }
    }
    if (first != null) {
      return first;
    }
    List<String> names = ProperNames.in(text == null ? "" : text);
    return names.isEmpty() ? "Hawaii" : names.get(0);
  }

  static String lastUserText(ChatCompletionCall call) {
    String text = "";
    for (ChatTurn turn : call.messages()) {
      if ("user".equals(turn.role())) {
        text = turn.content();
      }
    }
    return text;
  }

  private static JsonNode value(
      ObjectMapper json,
      java.util.Map.Entry<String, JsonNode> property,
      String destination,
      int index) {
    String name = property.getKey();
    JsonNode schema = property.getValue();
    if (schema.path("enum").isArray() && schema.path("enum").size() > 0) {
      return schema.path("enum").get(index % schema.path("enum").size());
    }
    return switch (schema.path("type").asText("string")) {
      case "integer", "number" -> json.getNodeFactory().numberNode(3);
      case "boolean" -> json.getNodeFactory().booleanNode(true);
      default ->
          json.getNodeFactory()
              .textNode(
                  name.contains("destination")
                      ? destination
                      : name.contains("category") ? CATEGORIES.get(index % CATEGORIES.size()) : "");
    };
  }
}
