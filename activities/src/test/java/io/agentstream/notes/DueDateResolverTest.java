package io.agentstream.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The resolve_date tool's arithmetic, from a fixed meeting date: Thursday 2026-03-12. */
class DueDateResolverTest {

  private static final LocalDate THURSDAY = LocalDate.of(2026, 3, 12);
  private final DueDateResolver resolver = new DueDateResolver(THURSDAY);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "today | 2026-03-12",
        "EOD | 2026-03-12",
        "tomorrow | 2026-03-13",
        "the day after tomorrow | 2026-03-14",
        "Friday | 2026-03-13",
        "by Friday. | 2026-03-13",
        "Thursday | 2026-03-19",
        "this Thursday | 2026-03-12",
        "before Monday | 2026-03-16",
        "Mon | 2026-03-16",
        "next Monday | 2026-03-16",
        "next Friday | 2026-03-20",
        "Friday next week | 2026-03-20",
        "Tuesday this week | 2026-03-10",
        "this week | 2026-03-13",
        "end of the week | 2026-03-13",
        "EOW | 2026-03-13",
        "next week | 2026-03-20",
        "end of month | 2026-03-31",
        "end of the month | 2026-03-31",
        "next month | 2026-04-30",
        "end of quarter | 2026-03-31",
        "next quarter | 2026-06-30",
        "end of year | 2026-12-31",
        "in 3 days | 2026-03-15",
        "in two weeks | 2026-03-26",
        "within a month | 2026-04-12",
        "10 days from now | 2026-03-22",
        "in 2 business days | 2026-03-16",
        "2026-04-01 | 2026-04-01",
        "March 20 | 2026-03-20",
        "20 March | 2026-03-20",
        "the 20th of March 2027 | 2027-03-20",
        "Mar 3rd | 2027-03-03",
        "Friday, March 20 | 2026-03-20",
        "the 20th | 2026-03-20",
        "the 5th | 2026-04-05",
        "3/20 | 2026-03-20",
        "20/3 | 2026-03-20",
        "no later than March 31 | 2026-03-31",
      })
  void resolvesTheExpressionsMeetingNotesUse(String expression, String date) {
    assertThat(resolver.resolve(expression))
        .isEqualTo(new DateResolution.Resolved(LocalDate.parse(date)));
  }

  @Test
  void aWeekdayOnAWeekendMeetingIsInTheComingWeekAndTheWeeksEndIsThatDay() {
    DueDateResolver saturday = new DueDateResolver(LocalDate.of(2026, 3, 14));

    assertThat(saturday.resolve("Monday"))
        .isEqualTo(new DateResolution.Resolved(LocalDate.of(2026, 3, 16)));
    assertThat(saturday.resolve("end of week"))
        .isEqualTo(new DateResolution.Resolved(LocalDate.of(2026, 3, 14)));
  }

  @Test
  void aDateWithoutAYearThatHasPassedIsNextYearsAndFebruary29TheNextLeapYears() {
    assertThat(resolver.resolve("1 March"))
        .isEqualTo(new DateResolution.Resolved(LocalDate.of(2027, 3, 1)));
    assertThat(resolver.resolve("Feb 29"))
        .isEqualTo(new DateResolution.Resolved(LocalDate.of(2028, 2, 29)));
  }

  @Test
  void whatNamesNoCalendarDateIsUnresolvedWithAReasonTheModelCanActOn() {
    assertThat(resolver.resolve("the next meeting"))
        .isInstanceOfSatisfying(
            DateResolution.Unresolved.class,
            u -> assertThat(u.reason()).contains("'the next meeting'", "next Monday"));
    assertThat(resolver.resolve("3/4"))
        .isInstanceOfSatisfying(
            DateResolution.Unresolved.class,
            u -> assertThat(u.reason()).contains("3 April", "4 March"));
    assertThat(resolver.resolve("Thursday, March 20"))
        .isInstanceOfSatisfying(
            DateResolution.Unresolved.class,
            u -> assertThat(u.reason()).contains("2026-03-20 is a Friday, not a Thursday"));
    assertThat(resolver.resolve("February 30")).isInstanceOf(DateResolution.Unresolved.class);
    assertThat(resolver.resolve("")).isInstanceOf(DateResolution.Unresolved.class);
    assertThat(resolver.resolve(null)).isInstanceOf(DateResolution.Unresolved.class);
  }
}
