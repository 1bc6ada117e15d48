package io.agentstream.notes;

import java.time.LocalDate;

/** What the {@code resolve_date} tool made of an expression: a calendar date, or why not. */
sealed interface DateResolution {

  /** The expression names {@code date}. */
  record Resolved(LocalDate date) implements DateResolution {}

  /**
   * The expression names no calendar date the tool can work out ("the next meeting", "3/4", which
   * could be March or April); {@code reason} says so in words the model can act on.
   */
  record Unresolved(String reason) implements DateResolution {}
}
