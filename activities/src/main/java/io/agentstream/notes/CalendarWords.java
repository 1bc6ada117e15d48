package io.agentstream.notes;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * English names of months and weekdays, and the dates written with them ("20 March", "March 20th,
 * 2026", "2026-03-20"), shared by the date the notes name ({@link MeetingDate}) and the due dates
 * the tool resolves ({@link DueDateResolver}). Lower-case input only.
 */
final class CalendarWords {

  static final Map<String, Month> MONTHS =
      Map.ofEntries(
          Map.entry("jan", Month.JANUARY),
          Map.entry("feb", Month.FEBRUARY),
          Map.entry("mar", Month.MARCH),
          Map.entry("apr", Month.APRIL),
          Map.entry("may", Month.MAY),
          Map.entry("jun", Month.JUNE),
          Map.entry("jul", Month.JULY),
          Map.entry("aug", Month.AUGUST),
          Map.entry("sep", Month.SEPTEMBER),
          Map.entry("oct", Month.OCTOBER),
          Map.entry("nov", Month.NOVEMBER),
          Map.entry("dec", Month.DECEMBER));

  static final Map<String, DayOfWeek> WEEKDAYS =
      Map.ofEntries(
          Map.entry("mon", DayOfWeek.MONDAY),
          Map.entry("tue", DayOfWeek.TUESDAY),
          Map.entry("wed", DayOfWeek.WEDNESDAY),
          Map.entry("thu", DayOfWeek.THURSDAY),
          Map.entry("fri", DayOfWeek.FRIDAY),
          Map.entry("sat", DayOfWeek.SATURDAY),
          Map.entry("sun", DayOfWeek.SUNDAY));

  /** A month's name or its usual abbreviation ("mar", "march", "sept."). */
  static final String MONTH =
      "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";

  /** A weekday's name or its usual abbreviation ("fri", "friday", "thurs"). */
  static final String WEEKDAY =
      "(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
          + "|sat(?:urday)?|sun(?:day)?)\\.?";

  private static final String DAY = "(?<day>\\d{1,2})(?:st|nd|rd|th)?";

  /**
   * A date written with its month's name, its weekday and year optional: "20 march", "the 20th of
   * march 2026", "march 20th, 2026", "friday, 20 march", or ISO "2026-03-20".
   */
  static final Pattern WRITTEN_DATE =
      Pattern.compile(
          "(?:(?<weekday>"
              + WEEKDAY
              + ")[,\\s]+)?(?:(?:the\\s+)?"
              + DAY
              + "(?:\\s+of)?\\s+(?<month>"
              + MONTH
              + ")|(?<month2>"
              + MONTH
              + ")\\s+(?:the\\s+)?(?<day2>\\d{1,2})(?:st|nd|rd|th)?)(?:,?\\s+(?<year>\\d{4}))?"
              + "|(?<iso>\\d{4}-\\d{2}-\\d{2})");

  /** A date as written: its month and day, and its year and weekday when they are written too. */
  record WrittenDate(
      Month month, int day, Optional<Integer> year, Optional<DayOfWeek> weekday, String text) {

    /** The date in {@code year}, if that year has it (February 29). */
    Optional<LocalDate> in(int year) {
      try {
        return Optional.of(LocalDate.of(year, month, day));
      } catch (java.time.DateTimeException e) {
        return Optional.empty();
      }
    }
  }

  private CalendarWords() {}

  static Month month(String name) {
    return MONTHS.get(name.substring(0, 3));
  }

  static DayOfWeek weekday(String name) {
    return WEEKDAYS.get(name.substring(0, 3));
  }

  /** The date a {@link #WRITTEN_DATE} match names, if it is one (no "March 32"). */
  static Optional<WrittenDate> writtenDate(Matcher m) {
    if (m.group("iso") != null) {
      try {
        LocalDate date = LocalDate.parse(m.group("iso"));
        return Optional.of(
            new WrittenDate(
                date.getMonth(),
                date.getDayOfMonth(),
                Optional.of(date.getYear()),
                Optional.empty(),
                m.group()));
      } catch (java.time.format.DateTimeParseException e) {
        return Optional.empty();
      }
    }
    String month = m.group("month") != null ? m.group("month") : m.group("month2");
    String day = m.group("day") != null ? m.group("day") : m.group("day2");
    int dayOfMonth = Integer.parseInt(day);
    Month named = month(month.toLowerCase(Locale.ROOT));
    if (dayOfMonth < 1 || dayOfMonth > named.maxLength()) {
      return Optional.empty();
    }
    return Optional.of(
        new WrittenDate(
            named,
            dayOfMonth,
            Optional.ofNullable(m.group("year")).map(Integer::parseInt),
            Optional.ofNullable(m.group("weekday")).map(w -> weekday(w.toLowerCase(Locale.ROOT))),
            m.group()));
  }
}
