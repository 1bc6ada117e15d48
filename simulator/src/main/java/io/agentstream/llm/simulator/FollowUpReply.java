package io.agentstream.llm.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code follow-up} task: a short follow-up email after a meeting that lists its action items
 * with their owners. The material is an {@code Action items:} section (one {@code - Owner: task}
 * line each) followed by a {@code Meeting notes:} section; the subject line names the meeting from
 * a {@code Meeting:}, {@code Subject:} or {@code Topic:} line of the notes, or from their first
 * line when it reads like a title.
 */
final class FollowUpReply implements TaskReply {

  private static final Pattern ITEM = Pattern.compile("(?m)^\\s*-\\s+(\\S.*?)\\s*$");
  private static final String NOTES_HEADING = "Meeting notes:";
  private static final int MAX_TITLE_WORDS = 8;

  @Override
  public String compose(String material, Variation variation) {
    int notesAt = material.indexOf(NOTES_HEADING);
    String itemsPart = notesAt < 0 ? material : material.substring(0, notesAt);
    String notes = notesAt < 0 ? material : material.substring(notesAt + NOTES_HEADING.length());
    List<String> items = new ArrayList<>();
    Matcher item = ITEM.matcher(itemsPart);
    while (item.find()) {
      items.add(item.group(1));
    }

    StringBuilder email = new StringBuilder();
    email.append("Subject: Follow-up: ").append(titleOf(notes)).append("\n\n");
    email.append(variation.pick("Hi all,", "Hi everyone,")).append("\n\n");
    email.append(
        variation.pick(
            "Thanks for your time today.", "Thanks for a productive meeting.", "Thanks, all."));
    if (items.isEmpty()) {
      email.append(
          " I did not catch any action items in the notes; reply if I missed one and I will add"
              + " it.\n\n");
    } else {
      email
          .append(
              items.size() == 1
                  ? " Here is the action item we agreed on:"
                  : " Here are the " + items.size() + " action items we agreed on:")
          .append("\n\n");
      items.forEach(line -> email.append("- ").append(line).append('\n'));
      email
          .append('\n')
          .append(
              variation.pick(
                  "Please reply if I missed anything or if a date does not work for you.",
                  "If a date does not work for you, say so soon and we will find another."))
          .append("\n\n");
    }
    email.append(variation.pick("Best regards", "Thanks again"));
    return email.toString();
  }

  /** The meeting's name from a labelled line, or its first line when that reads like a title. */
  private static String titleOf(String notes) {
    return MaterialText.labelled(notes, "Meeting", "Subject", "Topic", "Title")
        .or(
            () ->
                notes
                    .strip()
                    .lines()
                    .findFirst()
                    .map(String::strip)
                    .filter(line -> !line.contains(":") && !line.endsWith("."))
                    .filter(line -> line.split("\\s+").length <= MAX_TITLE_WORDS))
        .filter(title -> !title.isBlank())
        .orElse("today's meeting");
  }
}
