package io.agentstream.llm.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code research-plan} task: the {@code Sub-questions:} number (3 when not given) of
 * sub-questions of the {@code Question:} line, as JSON {@code {"subQuestions": [...]}}. The first
 * is the question itself; the others ask about its settings, its tests and its limits.
 */
final class ResearchPlanReply implements TaskReply {

  private static final List<String> ANGLES =
      List.of(
          "Which settings and defaults matter for: %s",
          "How is this tested or measured: %s",
          "What are the limits and failure cases of: %s",
          "Which parts of agentstream are involved in: %s");

  @Override
  public String compose(String material, Variation variation) {
    String question = ResearchConversation.line(material, "Question:");
    if (question.isEmpty()) {
      question = material.strip();
    }
    int count = 3;
    try {
      count = Math.max(1, Integer.parseInt(ResearchConversation.line(material, "Sub-questions:")));
    } catch (NumberFormatException e) {
      // the default
    }
    List<String> subQuestions = new ArrayList<>();
    subQuestions.add(question);
    String topic = question.endsWith("?") ? question.substring(0, question.length() - 1) : question;
    for (int i = 0; subQuestions.size() < count && i < ANGLES.size(); i++) {
      subQuestions.add(String.format(ANGLES.get(i), topic) + "?");
    }
    StringBuilder json = new StringBuilder("{\"subQuestions\": [");
    for (int i = 0; i < subQuestions.size(); i++) {
      json.append(i == 0 ? "" : ", ").append(quoted(subQuestions.get(i)));
    }
    return json.append("]}").toString();
  }

  static String quoted(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
