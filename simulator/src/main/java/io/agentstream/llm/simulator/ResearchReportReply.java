package io.agentstream.llm.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code research-report} task: one paragraph per sub-question of the {@code Notes:} section,
 * each note a sentence that cites, as {@code [n]}, the numbered source of the {@code Sources:}
 * section ({@code [n] documentId | section | title | excerpt}) with the note's document and
 * section. A note two sub-questions share is written once, in the first. Only numbers listed under
 * {@code Sources:} are ever cited: a note whose passage is not among them is left uncited, and with
 * no sources the report says so.
 */
final class ResearchReportReply implements TaskReply {

  private static final Pattern SOURCE = Pattern.compile("^\\[(\\d+)] (.*)$");
  private static final Pattern NOTE = Pattern.compile("^- (.*) \\(([^,()]+), (.+)\\)$");

  @Override
  public String compose(String material, Variation variation) {
    String question = ResearchConversation.line(material, "Question:");
    Map<String, Integer> byDocument = new LinkedHashMap<>();
    Map<String, Integer> bySection = new LinkedHashMap<>();
    String section = "";
    Map<String, List<String>> notes = new LinkedHashMap<>();
    String heading = null;
    for (String line : material.split("\\R")) {
      if (line.equals("Notes:") || line.equals("Sources:")) {
        section = line;
        continue;
      }
      if (section.equals("Sources:")) {
        Matcher m = SOURCE.matcher(line);
        String[] fields = m.matches() ? m.group(2).split(" \\| ", 4) : new String[0];
        if (fields.length >= 2) {
          int n = Integer.parseInt(m.group(1));
          byDocument.putIfAbsent(fields[0], n);
          bySection.putIfAbsent(fields[0] + "#" + fields[1], n);
        }
      } else if (section.equals("Notes:")) {
        if (line.startsWith("## ")) {
          heading = line.substring(3).strip();
          notes.put(heading, new ArrayList<>());
        } else if (heading != null && line.startsWith("- ")) {
          notes.get(heading).add(line);
        }
      }
    }
    if (byDocument.isEmpty()) {
      return "The collection did not answer \""
          + question
          + "\": the research found no passages to cite, so this report has no sources.";
    }
    StringBuilder report = new StringBuilder("Report: ").append(question).append("\n\n");
    java.util.Set<String> written = new java.util.HashSet<>();
    for (Map.Entry<String, List<String>> sub : notes.entrySet()) {
      StringBuilder paragraph = new StringBuilder();
      for (String note : sub.getValue()) {
        Matcher m = NOTE.matcher(note);
        if (!m.matches() || !written.add(m.group(1))) {
          // Not a note, or one an earlier paragraph already made.
          continue;
        }
        Integer n = bySection.get(m.group(2) + "#" + m.group(3));
        if (n == null) {
          n = byDocument.get(m.group(2));
        }
        paragraph.append(paragraph.length() == 0 ? "" : " ").append(sentence(m.group(1)));
        if (n != null) {
          paragraph.setLength(paragraph.length() - 1);
          paragraph.append(" [").append(n).append("].");
        }
      }
      if (paragraph.length() > 0) {
        report.append(sub.getKey()).append(' ').append(paragraph).append("\n\n");
      }
    }
    List<Integer> all = new ArrayList<>(bySection.values());
    report.append("In all, the collection gave ").append(all.size()).append(" relevant passages");
    report.append(
        all.isEmpty()
            ? "."
            : ", the closest ones being ["
                + all.get(0)
                + "]"
                + (all.size() > 1 ? " and [" + all.get(1) + "]." : "."));
    return report.toString();
  }

  private static String sentence(String text) {
    String s = text.strip();
    if (s.endsWith("…")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    return s.endsWith(".") || s.endsWith("?") || s.endsWith("!")
        ? (s.endsWith(".") ? s : s + ".")
        : s + ".";
  }
}
