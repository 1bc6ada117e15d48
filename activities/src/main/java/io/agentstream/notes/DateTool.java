package io.agentstream.notes;

import java.time.LocalDate;

/**
 * What runs for one {@code resolve_date} call. {@link #CALENDAR} in production; a test can wrap it
 * to count the calls that really ran, or to fail one the way a crash would.
 */
@FunctionalInterface
interface DateTool {

  /** The tool as the step runs it: {@link DueDateResolver}'s arithmetic. */
  DateTool CALENDAR = (expression, reference) -> new DueDateResolver(reference).resolve(expression);

  DateResolution resolve(String expression, LocalDate reference);
}
