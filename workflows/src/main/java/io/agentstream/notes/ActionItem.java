package io.agentstream.notes;

/**
 * One action item found in the notes; also the {@code item} of the {@code step.data} event that
 * shows it to clients the moment its line is written.
 *
 * @param owner who does it, as named in the notes ({@code "Team"} when nobody was named)
 * @param task what to do
 * @param due when it is due, as written ({@code "Friday"}); null when the notes give no date
 */
public record ActionItem(String owner, String task, String due) {}
