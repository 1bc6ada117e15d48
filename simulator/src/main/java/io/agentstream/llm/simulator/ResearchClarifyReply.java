package io.agentstream.llm.simulator;

import java.util.Locale;

/**
 * The {@code research-clarify} task: who the report is for and how deep it should go, as JSON of
 * the clarifying-questions schema; a question the research question already answers ("for
 * operators", "in depth", "briefly") is left out.
 */
final class ResearchClarifyReply implements TaskReply {

  @Override
  public String compose(String material, Variation variation) {
    String lower = material.toLowerCase(Locale.ROOT);
    StringBuilder json = new StringBuilder("{\"questions\": [");
    if (!lower.matches(
        "(?s).*\\bfor (an? |the )?(engineers?|operators?|developers?|managers?|beginners?)\\b.*")) {
      json.append(
          "{\"id\": \"audience\", \"text\": \"Who will read the report?\", \"default\": \"Engineers new to agentstream\"}");
    }
    if (!lower.matches("(?s).*\\b(in depth|in detail|briefly|short|overview)\\b.*")) {
      json.append(json.charAt(json.length() - 1) == '[' ? "" : ", ")
          .append(
              "{\"id\": \"depth\", \"text\": \"How detailed should the report be?\", \"default\": \"A one-page overview\"}");
    }
    return json.append("]}").toString();
  }
}
