package io.agentstream.llm.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deep-research agent's tool conversation ({@code Task: research-question}, tools {@code
 * search} and {@code read} offered), scripted turn by turn from what the conversation holds:
 *
 * <ol>
 *   <li>no tool results yet: two {@code search} calls in one turn, for the sub-question and for the
 *       whole research question (the user message's {@code Sub-question:} and {@code Research
 *       question:} lines);
 *   <li>search results only: {@code read} of the {@link #READS} best distinct passages they
 *       returned, the sub-question's own search first;
 *   <li>read results in: the notes, in text, one line per section read: {@code - <its first
 *       sentence> (<documentId>, <section>)}.
 * </ol>
 *
 * A pure function of the conversation, so a retried step that asks again gets the same calls.
 */
final class ResearchConversation {

  static final String TASK = "research-question";

  /** Sections read per step. */
  static final int READS = 2;

  private ResearchConversation() {}

  /** The next turn's tool calls; none when the notes are due. */
  static List<SimulatedToolCalls.Call> nextCalls(
      ChatCompletionCall call, ObjectMapper json, String replyId) {
    String prefix = "call_" + replyId.substring(replyId.lastIndexOf('-') + 1) + "_";
    List<JsonNode> results = call.toolResults(json);
    List<SimulatedToolCalls.Call> calls = new ArrayList<>();
    if (results.isEmpty()) {
      String material = SimulatedToolCalls.lastUserText(call);
      calls.add(search(json, prefix + 0, line(material, "Sub-question:")));
      String question = line(material, "Research question:");
      if (!question.isEmpty() && !question.equals(line(material, "Sub-question:"))) {
        calls.add(search(json, prefix + 1, question));
      }
      return calls;
    }
    if (results.stream().anyMatch(JsonNode::isObject)) {
      return List.of();
    }
    // The sub-question's own search first, best first; then the others'.
    Map<String, JsonNode> best = new LinkedHashMap<>();
    results.stream()
        .flatMap(r -> byScore(r).stream())
        .forEach(
            hit ->
                best.putIfAbsent(
                    hit.path("documentId").asText() + "#" + hit.path("section").asText(), hit));
    int n = 0;
    for (JsonNode hit : best.values()) {
      if (n == READS) {
        break;
      }
      calls.add(
          new SimulatedToolCalls.Call(
              prefix + n++,
              "read",
              json.createObjectNode()
                  .put("documentId", hit.path("documentId").asText())
                  .put("section", hit.path("section").asText())
                  .toString()));
    }
    return calls;
  }

  /** The notes on the sections read. */
  static String notes(ChatCompletionCall call, ObjectMapper json) {
    StringBuilder notes = new StringBuilder();
    for (JsonNode read : call.toolResults(json)) {
      if (!read.isObject() || !read.path("text").isTextual()) {
        continue;
      }
      notes
          .append(notes.length() == 0 ? "" : "\n")
          .append("- ")
          .append(firstSentence(read.path("text").asText()))
          .append(" (")
          .append(read.path("documentId").asText())
          .append(", ")
          .append(read.path("section").asText())
          .append(")");
    }
    return notes.length() == 0 ? "- The collection has nothing on this." : notes.toString();
  }

  static String firstSentence(String text) {
    String prose =
        text.lines()
            .filter(l -> !l.strip().startsWith("|") && !l.strip().startsWith("<!--"))
            .collect(java.util.stream.Collectors.joining("\n"));
    String flat =
        (prose.isBlank() ? text.replace("|", " ").replaceAll("-{3,}", " ") : prose)
            .replaceAll("```[\\s\\S]*?```", " ")
            .replaceAll("[`*_#|>]", "")
            .replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1")
            .replaceAll("\\s+", " ")
            .strip();
    int end = -1;
    for (int i = 0; i < flat.length() - 1; i++) {
      if ((flat.charAt(i) == '.' || flat.charAt(i) == '?' || flat.charAt(i) == '!')
          && flat.charAt(i + 1) == ' '
          && i > 20) {
        end = i + 1;
        break;
      }
    }
    String sentence = end > 0 ? flat.substring(0, end) : flat;
    if (sentence.length() > 220) {
      int cut = sentence.lastIndexOf(' ', 220);
      sentence = sentence.substring(0, cut > 0 ? cut : 220) + " …";
    }
    return sentence.replaceAll("\\[(\\d+)]", "($1)");
  }

  private static SimulatedToolCalls.Call search(ObjectMapper json, String id, String query) {
    return new SimulatedToolCalls.Call(
        id, "search", json.createObjectNode().put("query", query).toString());
  }

  private static List<JsonNode> byScore(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    items.sort((a, b) -> Double.compare(b.path("score").asDouble(), a.path("score").asDouble()));
    return items;
  }

  /** The rest of the line that starts with {@code label}, or empty. */
  static String line(String material, String label) {
    for (String line : material.split("\\R")) {
      if (line.startsWith(label)) {
        return line.substring(label.length()).strip();
      }
    }
    return "";
  }
}
