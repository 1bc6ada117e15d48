package io.agentstream.notes;

/**
 * One action item found in the notes; also the {@code item} of the {@code step.data} event that
 * shows it to clients the moment its line is written, and again once its due date is resolved.
 *
 * @param owner who does it, as named in the notes ({@code "Team"} when nobody was named)
 * @param task what to do
 * @param due when it is due, as written ({@code "Friday"}); null when the notes give no date
 * @param dueDate the calendar date {@code due} means, ISO {@code yyyy-MM-dd}, counted from the
 *     meeting's date by the {@code resolve_date} tool; null when there is no due date, it is not
 *     resolved yet, or it names no calendar date ("the next meeting"). Missing in items from before
 *     dates were resolved, which read as null.
 */
public record ActionItem(String owner, String task, String due, String dueDate) {

  /** An item whose due date is not resolved (as the list step first finds it). */
  public ActionItem(String owner, String task, String due) {
    this(owner, task, due, null);
  }

  /** This item with its due date resolved to {@code isoDate}. */
  public ActionItem withDueDate(String isoDate) {
    return new ActionItem(owner, task, due, isoDate);
  }
}
