package io.agentstream.notes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActionItemLinesTest {

  @Test
  void readsOwnerTaskAndDueDateOfALine() {
    assertThat(ActionItemLines.parse("- Dana: send the revised budget to finance (due Friday)"))
        .contains(new ActionItem("Dana", "send the revised budget to finance", "Friday"));
    assertThat(ActionItemLines.parse("- Sam: book the room for the offsite"))
        .contains(new ActionItem("Sam", "book the room for the offsite", null));
  }

  @Test
  void toleratesTheListStylesModelsUse() {
    assertThat(ActionItemLines.parse("2. **Priya**: review the launch checklist (by Monday)."))
        .contains(new ActionItem("Priya", "review the launch checklist", "Monday"));
    assertThat(ActionItemLines.parse("* Dana and Sam: draft the agenda"))
        .contains(new ActionItem("Dana and Sam", "draft the agenda", null));
  }

  @Test
  void headingsBlankLinesAndProseAreNotItems() {
    assertThat(ActionItemLines.parse("Action items:")).isEmpty();
    assertThat(ActionItemLines.parse("")).isEmpty();
    assertThat(ActionItemLines.parse("Here are the action items I found in your notes: none"))
        .isEmpty();
  }

  @Test
  void aFormattedItemReadsBackUnchanged() {
    ActionItem item = new ActionItem("Li", "follow up with the design agency", "next week");

    assertThat(ActionItemLines.parse(ActionItemLines.format(item))).contains(item);
  }

  @Test
  void theEmailsLineCarriesTheResolvedDateNextToTheDueDateAsWritten() {
    assertThat(
            ActionItemLines.formatWithDate(
                new ActionItem("Dana", "send the budget", "Friday", "2026-03-13")))
        .isEqualTo("- Dana: send the budget (due Friday, 2026-03-13)");
    assertThat(ActionItemLines.formatWithDate(new ActionItem("Sam", "book the room", null)))
        .isEqualTo("- Sam: book the room");
    assertThat(
            ActionItemLines.formatWithDate(
                new ActionItem("Li", "call the agency", "the next meeting", null)))
        .isEqualTo("- Li: call the agency (due the next meeting)");
  }
}
