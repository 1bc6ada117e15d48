package io.agentstream.notes;

import io.agentstream.llm.ModelStream;
import io.agentstream.llm.Prompt;
import io.agentstream.protocol.EventCodec;
import io.agentstream.run.TextResult;
import io.agentstream.step.StepWriter;
import io.agentstream.step.StepWriters;
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
 *       item is found twice.
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
          + " exactly as listed (one per line, with their owners and due dates) and a closing line.";

  private final StepWriters writers;
  private final ModelStream model;

  public MeetingNotesActivitiesImpl(StepWriters writers, ModelStream model) {
    this.writers = writers;
    this.model = model;
  }

  @Override
  public ActionItems findActionItems(ActionItemsInput input) {
    try (StepWriter writer = writers.openStep(input.stepId())) {
      writer.progress(
          writer.resumed()
              ? "Resuming after " + count(writer.items().size())
              : "Reading the notes");
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
      return new ActionItems(itemsOf(writer), writer.text(), writer.cutShort(), writer.usage());
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
                .map(i -> ActionItemLines.format(i) + "\n")
                .collect(Collectors.joining());
    return "Action items:\n" + items + "\nMeeting notes:\n" + input.notes();
  }

  private static String count(int items) {
    return items + (items == 1 ? " action item" : " action items");
  }
}
