package io.agentstream.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class MeetingDateTest {

  private static final LocalDate RUN_DATE = LocalDate.of(2026, 12, 2);

  @Test
  void aDateInTheTitleLineIsTheMeetingsDate() {
    assertThat(MeetingDate.of("Weekly product sync, Thursday 12 March 2026\nDana: ...", RUN_DATE))
        .isEqualTo(LocalDate.of(2026, 3, 12));
    assertThat(MeetingDate.of("Retro 2026-11-27\n- Sam to book the room.", RUN_DATE))
        .isEqualTo(LocalDate.of(2026, 11, 27));
  }

  @Test
  void aDateLineFurtherDownCountsToo() {
    String notes = "Retro\nAttendees: Dana, Sam\nAgenda: the launch\nDate: November 30\n- ...";

    assertThat(MeetingDate.of(notes, RUN_DATE)).isEqualTo(LocalDate.of(2026, 11, 30));
  }

  @Test
  void aYearlessDateIsTheMostRecentOneUpToAWeekAfterTheRun() {
    assertThat(MeetingDate.of("Sync, 14 March", RUN_DATE)).isEqualTo(LocalDate.of(2026, 3, 14));
    assertThat(MeetingDate.of("Sync, 5 December", RUN_DATE)).isEqualTo(LocalDate.of(2026, 12, 5));
    assertThat(MeetingDate.of("Sync, 31 December", RUN_DATE)).isEqualTo(LocalDate.of(2025, 12, 31));
  }

  @Test
  void notesWithoutADateCountFromTheRunsDate() {
    assertThat(MeetingDate.of("Dana will send the minutes by Friday.", RUN_DATE))
        .isEqualTo(RUN_DATE);
    // A date in the body is a due date, not the meeting's.
    assertThat(MeetingDate.of("Sync\nAttendees: Dana\n- Agenda\n- Mia by March 3.", RUN_DATE))
        .isEqualTo(RUN_DATE);
    assertThat(MeetingDate.of("", RUN_DATE)).isEqualTo(RUN_DATE);
  }
}
