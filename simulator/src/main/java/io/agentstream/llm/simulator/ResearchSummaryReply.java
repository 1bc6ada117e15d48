package io.agentstream.llm.simulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code research-summary} task: two lines on the {@code Report:} of the material, saying how
 * many sources it cites.
 */
final class ResearchSummaryReply implements TaskReply {

  private static final Pattern CITATION = Pattern.compile("\\[(\\d+)]");

  @Override
  public String compose(String material, Variation variation) {
    String question = ResearchConversation.line(material, "Question:");
    int report = material.indexOf("Report:");
    String text = report < 0 ? "" : material.substring(report + "Report:".length());
    Matcher m = CITATION.matcher(text);
    java.util.Set<String> cited = new java.util.TreeSet<>();
    while (m.find()) {
      cited.add(m.group(1));
    }
    if (cited.isEmpty()) {
      return "The collection did not answer \"" + question + "\".";
    }
    return "This report answers \""
        + question
        + "\" from the project's own documents.\nIt cites "
        + cited.size()
        + " source"
        + (cited.size() == 1 ? "" : "s")
        + " of the collection.";
  }
}
