package io.agentstream.notes;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code resolve_date} tool's calendar arithmetic: a due date as people write it in meeting
 * notes, resolved against the meeting's date. Models are unreliable at exactly this (which date is
 * "next Friday" from a Thursday), so the step hands it to code. Pure and deterministic: the same
 * expression and reference date always give the same answer, which is what lets a retried step
 * trust a result from its checkpoint.
 *
 * <p>The rules, with the reference date Thursday 2026-03-12:
 *
 * <ul>
 *   <li>{@code today}, {@code tonight}, {@code EOD}, {@code end of day}: the reference date; {@code
 *       tomorrow}: the day after, {@code the day after tomorrow} the one after that.
 *   <li>a weekday ({@code Friday}, {@code Fri}): the first one after the reference date (a task due
 *       "Thursday" in a Thursday meeting is due in a week); {@code this Friday}: the first on or
 *       after it; {@code next Friday} and {@code Friday next week}: the Friday of the following
 *       (Monday to Sunday) week, 2026-03-20; {@code Friday this week}: the one of this week.
 *   <li>a period means its end: {@code this week}, {@code end of week}, {@code EOW}: the week's
 *       Friday (the reference date itself once that Friday has passed); {@code next week}: next
 *       week's Friday; {@code end of month}, {@code this month}, {@code EOM}: the month's last day,
 *       {@code next month} next month's; the same for quarters and years.
 *   <li>{@code in 3 days}, {@code in two weeks}, {@code within a month}, {@code 10 days from now},
 *       {@code in 2 business days} (Monday to Friday).
 *   <li>a date: ISO {@code 2026-03-20}, {@code 20 March}, {@code March 20th}, {@code the 20th of
 *       March 2026}, {@code Friday, March 20} (the weekday must match), {@code the 20th} (of this
 *       month, or the next if it has passed); without a year, the first such date on or after the
 *       reference date. {@code 3/20} and {@code 20/3} when only one reading is a date.
 * </ul>
 *
 * Leading {@code by}, {@code before}, {@code due}, {@code on}, {@code until} and {@code no later
 * than} are ignored, as is case. Anything else ("the next meeting", "soon", "3/4") is {@link
 * DateResolution.Unresolved}, with a reason the model is told.
 */
final class DueDateResolver {

  private static final Pattern LEADING =
      Pattern.compile(
          "^(?:due|by|before|on|until|till|no later than|not later than|latest|deadline:?)\\s+");
  private static final Pattern WEEKDAY_RULE =
      Pattern.compile(
          "(?:(?<which>this coming|this|next|coming)\\s+)?(?<day>"
              + CalendarWords.WEEKDAY
              + ")(?:\\s+(?<week>next week|this week|of next week|of this week))?");
  private static final Pattern PERIOD =
      Pattern.compile(
          "(?:(?:the\\s+)?end\\s+of\\s+)?(?:the\\s+)?(?<which>this|next)?\\s*"
              + "(?<unit>week|month|quarter|year)");
  private static final Pattern SHORT_PERIOD = Pattern.compile("eo(?<unit>[wmqy])");
  private static final Pattern IN_AMOUNT =
      Pattern.compile(
          "(?:(?:in|within)\\s+)?(?<n>\\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten"
              + "|eleven|twelve)\\s+(?<kind>business\\s+|working\\s+)?(?<unit>day|week|month)s?"
              + "(?:\\s+from\\s+(?:now|today|the meeting))?");
  private static final Pattern DAY_OF_MONTH =
      Pattern.compile("(?:the\\s+)?(?<day>\\d{1,2})(?:st|nd|rd|th)");
  private static final Pattern NUMERIC =
      Pattern.compile("(?<a>\\d{1,2})/(?<b>\\d{1,2})(?:/(?<year>\\d{4}))?");
  private static final Map<String, Integer> NUMBERS =
      Map.ofEntries(
          Map.entry("a", 1),
          Map.entry("an", 1),
          Map.entry("one", 1),
          Map.entry("two", 2),
          Map.entry("three", 3),
          Map.entry("four", 4),
          Map.entry("five", 5),
          Map.entry("six", 6),
          Map.entry("seven", 7),
          Map.entry("eight", 8),
          Map.entry("nine", 9),
          Map.entry("ten", 10),
          Map.entry("eleven", 11),
          Map.entry("twelve", 12));

  /** Years ahead a date without a year may land in (February 29 can take up to eight). */
  private static final int YEARS_AHEAD = 8;

  private final LocalDate reference;

  /**
   * @param reference the meeting's date, which every relative expression counts from
   */
  DueDateResolver(LocalDate reference) {
    this.reference = reference;
  }

  DateResolution resolve(String expression) {
    String text = normalized(expression);
    if (text.isEmpty()) {
      return new DateResolution.Unresolved("the expression is empty");
    }
    return simple(text)
        .or(() -> weekday(text))
        .or(() -> period(text))
        .or(() -> amount(text))
        .<DateResolution>map(DateResolution.Resolved::new)
        .or(() -> written(text))
        .orElseGet(() -> unresolved(expression));
  }

  private static String normalized(String expression) {
    String text =
        expression == null
            ? ""
            : expression
                .toLowerCase(Locale.ROOT)
                .replace('’', '\'')
                .replaceAll("[()\"]", " ")
                .replaceAll("\\s+", " ")
                .strip()
                .replaceAll("[.,;:!?]+$", "")
                .replaceAll("\\s+at the latest$", "");
    for (Matcher m = LEADING.matcher(text); m.find(); m = LEADING.matcher(text)) {
      text = text.substring(m.end());
    }
    return text;
  }

  private Optional<LocalDate> simple(String text) {
    return switch (text) {
      case "today",
          "tonight",
          "eod",
          "end of day",
          "end of the day",
          "end of today",
          "cob",
          "close of business" ->
          Optional.of(reference);
      case "tomorrow", "tomorrow eod", "end of tomorrow" -> Optional.of(reference.plusDays(1));
      case "the day after tomorrow", "day after tomorrow" -> Optional.of(reference.plusDays(2));
      default -> Optional.empty();
    };
  }

  private Optional<LocalDate> weekday(String text) {
    Matcher m = WEEKDAY_RULE.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    DayOfWeek day = CalendarWords.weekday(m.group("day"));
    String which = m.group("which");
    String week = m.group("week");
    if ("next".equals(which) || (week != null && week.endsWith("next week"))) {
      return Optional.of(
          reference
              .with(TemporalAdjusters.next(DayOfWeek.MONDAY))
              .with(TemporalAdjusters.nextOrSame(day)));
    }
    if (week != null) {
      return Optional.of(
          reference
              .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
              .with(TemporalAdjusters.nextOrSame(day)));
    }
    if (which != null) {
      return Optional.of(reference.with(TemporalAdjusters.nextOrSame(day)));
    }
    return Optional.of(reference.with(TemporalAdjusters.next(day)));
  }

  private Optional<LocalDate> period(String text) {
    String which;
    String unit;
    Matcher shortForm = SHORT_PERIOD.matcher(text);
    if (shortForm.matches()) {
      which = "this";
      unit =
          switch (shortForm.group("unit")) {
            case "w" -> "week";
            case "m" -> "month";
            case "q" -> "quarter";
            default -> "year";
          };
    } else {
      Matcher m = PERIOD.matcher(text);
      if (!m.matches()) {
        return Optional.empty();
      }
      which = m.group("which") == null ? "this" : m.group("which");
      unit = m.group("unit");
    }
    boolean next = which.equals("next");
    return Optional.of(
        switch (unit) {
          case "week" -> {
            LocalDate friday =
                reference
                    .plusWeeks(next ? 1 : 0)
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
            yield friday.isBefore(reference) ? reference : friday;
          }
          case "month" ->
              reference.plusMonths(next ? 1 : 0).with(TemporalAdjusters.lastDayOfMonth());
          case "quarter" -> {
            LocalDate inQuarter = reference.plusMonths(next ? 3 : 0);
            int lastMonth = inQuarter.get(IsoFields.QUARTER_OF_YEAR) * 3;
            yield inQuarter.withMonth(lastMonth).with(TemporalAdjusters.lastDayOfMonth());
          }
          default -> reference.plusYears(next ? 1 : 0).with(TemporalAdjusters.lastDayOfYear());
        });
  }

  private Optional<LocalDate> amount(String text) {
    Matcher m = IN_AMOUNT.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    String n = m.group("n");
    int amount = NUMBERS.containsKey(n) ? NUMBERS.get(n) : Integer.parseInt(n);
    return Optional.of(
        switch (m.group("unit")) {
          case "day" -> m.group("kind") == null ? reference.plusDays(amount) : workdays(amount);
          case "week" -> reference.plusWeeks(amount);
          default -> reference.plusMonths(amount);
        });
  }

  private LocalDate workdays(int count) {
    LocalDate date = reference;
    for (int left = count; left > 0; ) {
      date = date.plusDays(1);
      if (date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY) {
        left--;
      }
    }
    return date;
  }

  /** A date written out: with its month's name, ISO, day of month alone, or with slashes. */
  private Optional<DateResolution> written(String text) {
    Matcher m = CalendarWords.WRITTEN_DATE.matcher(text);
    if (m.matches()) {
      Optional<CalendarWords.WrittenDate> written = CalendarWords.writtenDate(m);
      if (written.isEmpty()) {
        return Optional.of(new DateResolution.Unresolved("'" + text + "' is not a valid date"));
      }
      return Optional.of(onOrAfterReference(written.get()));
    }
    Matcher dayOfMonth = DAY_OF_MONTH.matcher(text);
    if (dayOfMonth.matches()) {
      int day = Integer.parseInt(dayOfMonth.group("day"));
      for (int months = 0; months <= 12 && day >= 1 && day <= 31; months++) {
        LocalDate month = reference.plusMonths(months).withDayOfMonth(1);
        if (day <= month.lengthOfMonth() && !month.withDayOfMonth(day).isBefore(reference)) {
          return Optional.of(new DateResolution.Resolved(month.withDayOfMonth(day)));
        }
      }
      return Optional.of(new DateResolution.Unresolved("'" + text + "' is not a day of a month"));
    }
    Matcher numeric = NUMERIC.matcher(text);
    if (numeric.matches()) {
      return Optional.of(numeric(numeric));
    }
    return Optional.empty();
  }

  private DateResolution onOrAfterReference(CalendarWords.WrittenDate written) {
    Optional<LocalDate> date =
        written.year().isPresent()
            ? written.in(written.year().get())
            : java.util.stream.IntStream.rangeClosed(0, YEARS_AHEAD)
                .mapToObj(years -> written.in(reference.getYear() + years))
                .flatMap(Optional::stream)
                .filter(d -> !d.isBefore(reference))
                .findFirst();
    if (date.isEmpty()) {
      return new DateResolution.Unresolved("'" + written.text() + "' is not a valid date");
    }
    if (written.weekday().isPresent() && written.weekday().get() != date.get().getDayOfWeek()) {
      return new DateResolution.Unresolved(
          date.get()
              + " is a "
              + name(date.get().getDayOfWeek())
              + ", not a "
              + name(written.weekday().get())
              + "; resolve the weekday or the date alone");
    }
    return new DateResolution.Resolved(date.get());
  }

  /**
   * "3/20" is March 20 and "20/3" too; "3/4" could be March 4 or April 3, so it is not resolved.
   */
  private DateResolution numeric(Matcher m) {
    int a = Integer.parseInt(m.group("a"));
    int b = Integer.parseInt(m.group("b"));
    boolean monthFirst = a >= 1 && a <= 12 && b >= 1 && b <= 31;
    boolean dayFirst = b >= 1 && b <= 12 && a >= 1 && a <= 31;
    if (monthFirst && dayFirst && a != b) {
      return new DateResolution.Unresolved(
          "'"
              + m.group()
              + "' could be month/day or day/month; resolve it with the month's name, e.g. '"
              + a
              + " "
              + name(java.time.Month.of(b))
              + "' or '"
              + b
              + " "
              + name(java.time.Month.of(a))
              + "'");
    }
    if (!monthFirst && !dayFirst) {
      return new DateResolution.Unresolved("'" + m.group() + "' is not a valid date");
    }
    java.time.Month month = java.time.Month.of(monthFirst ? a : b);
    int day = monthFirst ? b : a;
    if (day > month.maxLength()) {
      return new DateResolution.Unresolved("'" + m.group() + "' is not a valid date");
    }
    return onOrAfterReference(
        new CalendarWords.WrittenDate(
            month,
            day,
            Optional.ofNullable(m.group("year")).map(Integer::parseInt),
            Optional.empty(),
            m.group()));
  }

  private static DateResolution.Unresolved unresolved(String expression) {
    return new DateResolution.Unresolved(
        "'"
            + expression
            + "' names no calendar date I can work out; use a weekday ('Friday', 'next Monday'),"
            + " 'tomorrow', 'end of week', 'end of month', 'in 2 weeks', a date ('March 20') or an"
            + " ISO date, or leave the item without a date");
  }

  static String name(Enum<?> value) {
    String name = value.name();
    return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
  }
}
