package io.agentstream.notes;

/**
 * The result of one {@code resolve_date} call: the {@code data} of its {@code tool.call.completed}
 * event, what the model is given back, and what a retry reads from the checkpoint.
 *
 * @param item the action item's number, as the model was given it (1 for the first item)
 * @param expression the expression the model asked about
 * @param date the date it resolved to, ISO {@code yyyy-MM-dd}; null when it did not
 * @param weekday the date's weekday ({@code "Friday"}), so the model and the page need no calendar;
 *     null when unresolved
 * @param error why the expression was not resolved; null when it was
 */
record DueDateAnswer(int item, String expression, String date, String weekday, String error) {

  static DueDateAnswer of(int item, String expression, DateResolution resolution) {
    if (resolution instanceof DateResolution.Resolved r) {
      return new DueDateAnswer(
          item,
          expression,
          r.date().toString(),
          DueDateResolver.name(r.date().getDayOfWeek()),
          null);
    }
    return failed(item, expression, ((DateResolution.Unresolved) resolution).reason());
  }

  static DueDateAnswer failed(int item, String expression, String error) {
    return new DueDateAnswer(item, expression, null, null, error);
  }

  boolean resolved() {
    return date != null;
  }

  /** The call's line on the page: {@code "item 1: Friday → Friday 2026-03-13"}. */
  String summary() {
    return resolved()
        ? "item " + item + ": " + expression + " → " + weekday + " " + date
        : "item " + item + ": could not resolve \"" + expression + "\"";
  }
}
