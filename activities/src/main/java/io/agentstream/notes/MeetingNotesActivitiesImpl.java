package io.agentstream.notes;

import io.agentstream.llm.ModelStream;
import io.agentstream.llm.Prompt;
import io.agentstream.protocol.EventCodec;
import io.agentstream.run.TextResult;
import io.agentstream.step.StepWriter;
import io.agentstream.step.StepWriters;
import io.temporal.activity.Activity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The meeting-notes agent's steps.
 *
 * <ul>
 *   <li>action-items: the model lists the items, one per line, streamed as the step's text. Each
 *       line, once complete, is parsed into an {@link ActionItem}, streamed as a data item and
 *       checkpointed together with the text up to it. A retry starts from the last checkpoint (the
 *       completed lines and their items) and asks the model to continue the list after them, so no
 *       item is found twice. Then the model resolves each due date with the {@code resolve_date}
 *       tool ({@link DueDateTools}), counted from the meeting's date ({@link MeetingDate}: the date
 *       the notes name, else the run's date from the workflow); each call is checkpointed with the
 *       item it dates, and a retry with calls in its checkpoint knows the list is complete, skips
 *       it and makes only the calls still missing. (A retry after the list but before the first
 *       call's result asks the model to continue a complete list: the simulator then writes
 *       nothing, a real model should.)
 *   <li>follow-up: checkpoints the email after every token; a retry asks the model to continue from
 *       the checkpointed text.
 * </ul>
 */
public class MeetingNotesActivitiesImpl implements MeetingNotesActivities {

  static final String ACTION_ITEMS_INSTRUCTIONS =
      "Find every action item in these meeting notes. Write one per line as '- Owner: task (due <when>)',"
          + " leaving out '(due ...)' when the notes give no date and using 'Team' when nobody was named."
          + " Output only the list.";

  static final String FOLLOW_UP_INSTRUCTIONS =
      "Write a short follow-up email to the attendees: a subject line, a thank-you, the action items"
          + " exactly as listed (one per line, with their owners, due dates and the dates they"
          + " resolve to) and a closing line.";

  private final StepWriters writers;
  private final ModelStream model;
  private final DateTool dates;

  public MeetingNotesActivitiesImpl(StepWriters writers, ModelStream model) {
    this(writers, model, DateTool.CALENDAR);
  }

  /** With the {@code resolve_date} tool's implementation given, for tests that count its calls. */
  MeetingNotesActivitiesImpl(StepWriters writers, ModelStream model, DateTool dates) {
    this.writers = writers;
    this.model = model;
    this.dates = dates;
  }

  @Override
  public ActionItems findActionItems(ActionItemsInput input) {
    try (StepWriter writer = writers.openStep(input.stepId())) {
      writer.progress(
          writer.resumed()
              ? "Resuming after " + count(writer.items().size())
              : "Reading the notes");
      // Calls in the checkpoint: the list was complete before them.
      boolean listed = !writer.toolCalls().isEmpty();
      if (!listed) {
        Prompt prompt = new Prompt("action-items", ACTION_ITEMS_INSTRUCTIONS, input.notes());
        writer.writeModelLines(
            model,
            prompt,
            line ->
                ActionItemLines.parse(line)
                    .ifPresent(
                        item -> {
                          int index = writer.data(item); // streams step.data at the next index
                          writer.checkpoint(); // a retry resumes after this line and its item
                          writer.progress("Found " + count(index + 1));
                        }));
      }
      if (!writer.stopRequested()) {
        LocalDate meetingDate = MeetingDate.of(input.notes(), runDate(input));
        new DueDateTools(writer, model, dates, meetingDate).resolve();
      }
      return new ActionItems(
          itemsOf(writer), writer.text(), writer.cutShort(), writer.toolCalls(), writer.usage());
    }
  }

  @Override
  public TextResult draftFollowUp(FollowUpInput input) {
    try (StepWriter writer = writers.openTextStep(input.stepId())) {
      Prompt prompt = new Prompt("follow-up", FOLLOW_UP_INSTRUCTIONS, followUpMaterial(input));
      return new TextResult(
          writer.writeModelText(model, prompt), writer.cutShort(), writer.usage());
    }
  }

  /**
   * The day the run started, from the workflow; for an input scheduled before it carried one, the
   * day Temporal first scheduled the step, the same on every attempt (never this attempt's clock).
   */
  private static LocalDate runDate(ActionItemsInput input) {
    if (input.runDate() != null) {
      return LocalDate.parse(input.runDate());
    }
    long scheduled = Activity.getExecutionContext().getInfo().getScheduledTimestamp();
    return LocalDate.ofInstant(Instant.ofEpochMilli(scheduled), ZoneOffset.UTC);
  }

  /** The items as the writer holds them: read back from the checkpoint on a resumed attempt. */
  private static List<ActionItem> itemsOf(StepWriter writer) {
    return writer.items().stream()
        .map(item -> EventCodec.json().mapper().convertValue(item, ActionItem.class))
        .toList();
  }

  /** What the follow-up prompt gives the model: the items first, then the notes they came from. */
  static String followUpMaterial(FollowUpInput input) {
    String items =
        input.items().isEmpty()
            ? "(none found)\n"
            : input.items().stream()
                .map(i -> ActionItemLines.formatWithDate(i) + "\n")
                .collect(Collectors.joining());
    return "Action items:\n" + items + "\nMeeting notes:\n" + input.notes();
  }

  private static String count(int items) {
    return items + (items == 1 ? " action item" : " action items");
  }
}
