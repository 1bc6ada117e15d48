package io.agentstream.notes;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * The date relative due dates count from: the meeting's own date when the notes name one, else the
 * day the run started. Notes are often pasted days after the meeting, and "by Friday" means the
 * Friday after the meeting, not after the paste.
 *
 * <p>The notes name their date in their first lines ("Weekly sync, 12 March 2026", "Date:
 * 2026-03-12") or on a line labelled {@code Date:} or {@code When:}. A date without a year is the
 * most recent one up to a week after the run's date: notes are of a meeting that has happened, or
 * is about to.
 */
final class MeetingDate {

  /** Lines at the top of the notes that may carry their date (a title, a date line). */
  private static final int HEADER_LINES = 3;

  /** How far after the run's date a year-less date in the notes may lie. */
  private static final int DAYS_AHEAD = 7;

  private MeetingDate() {}

  /** The date the notes' due dates count from. */
  static LocalDate of(String notes, LocalDate runDate) {
    return in(notes, runDate).orElse(runDate);
  }

  /** The meeting's date, when the notes name it. */
  static Optional<LocalDate> in(String notes, LocalDate runDate) {
    String[] lines = notes == null ? new String[0] : notes.strip().split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip().toLowerCase(Locale.ROOT);
      boolean labelled = line.matches("^(?:date|meeting date|when)\\s*:.*");
      if (i >= HEADER_LINES && !labelled) {
        continue;
      }
      Matcher m = CalendarWords.WRITTEN_DATE.matcher(line);
      while (m.find()) {
        if (!isWordAt(line, m.start(), m.end())) {
          continue;
        }
        Optional<LocalDate> date = CalendarWords.writtenDate(m).flatMap(d -> yearOf(d, runDate));
        if (date.isPresent()) {
          return date;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<LocalDate> yearOf(CalendarWords.WrittenDate written, LocalDate runDate) {
    if (written.year().isPresent()) {
      return written.in(written.year().get());
    }
    LocalDate latest = runDate.plusDays(DAYS_AHEAD);
    for (int year = latest.getYear(); year >= latest.getYear() - 8; year--) {
      Optional<LocalDate> date = written.in(year).filter(d -> !d.isAfter(latest));
      if (date.isPresent()) {
        return date;
      }
    }
    return Optional.empty();
  }

  /** True when the match is not part of a longer word or number ("2 marches", "123 may"). */
  private static boolean isWordAt(String line, int start, int end) {
    return (start == 0 || !Character.isLetterOrDigit(line.charAt(start - 1)))
        && (end == line.length() || !Character.isLetterOrDigit(line.charAt(end)));
  }
}
