package io.agentstream.notes;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes action items as the lines the model is asked for: {@code - Owner: task (due
 * when)}. Lenient where models vary (numbered lists, {@code *} bullets, bold owners, a trailing
 * period); anything else, such as a heading or a blank line, is not an item.
 */
final class ActionItemLines {

  private static final Pattern LINE =
      Pattern.compile(
          "^\\s*(?:[-*•]|\\d{1,2}[.)])?\\s*(?<owner>[^:()]{1,60}?)\\s*:\\s*(?<task>\\S.*?)"
              + "(?:\\s*\\((?:due|by)\\s+(?<due>[^)]+)\\))?\\s*[.;]?\\s*$");
  private static final int MAX_OWNER_WORDS = 5;

  private ActionItemLines() {}

  /** The item on this line, if it is one. */
  static Optional<ActionItem> parse(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      return Optional.empty();
    }
    String owner = m.group("owner").replace("*", "").strip();
    String task = m.group("task").replace("**", "").strip();
    if (owner.isEmpty() || owner.split("\\s+").length > MAX_OWNER_WORDS || task.isEmpty()) {
      return Optional.empty();
    }
    String due = m.group("due") == null ? null : m.group("due").strip();
    return Optional.of(new ActionItem(owner, task, due));
  }

  /** The item as one line, without a line terminator; {@link #parse} reads it back. */
  static String format(ActionItem item) {
    return "- "
        + item.owner()
        + ": "
        + item.task()
        + (item.due() == null ? "" : " (due " + item.due() + ")");
  }

  /**
   * The item as one line with its resolved date after its due date as written ({@code - Dana: send
   * the budget (due Friday, 2026-03-13)}), for the follow-up email, which then needs no calendar.
   */
  static String formatWithDate(ActionItem item) {
    if (item.due() == null || item.dueDate() == null || item.dueDate().equals(item.due())) {
      return format(item);
    }
    String line = format(item); // ends with "(due <when>)"
    return line.substring(0, line.length() - 1) + ", " + item.dueDate() + ")";
  }
}
