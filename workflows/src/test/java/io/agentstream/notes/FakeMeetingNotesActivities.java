package io.agentstream.notes;

import io.agentstream.protocol.TokenUsage;
import io.agentstream.protocol.ToolCall;
import io.agentstream.run.TextResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Deterministic meeting-notes steps for workflow tests, where the workflow's logic is the subject.
 * The action-items step can be made to run until cancelled, to exercise finish-now and cancel: it
 * then hands back the items found so far, as the real step does.
 */
class FakeMeetingNotesActivities implements MeetingNotesActivities {

  static final List<ActionItem> ITEMS =
      List.of(
          new ActionItem("Dana", "send the revised budget to finance", "Friday", "2026-03-13"),
          new ActionItem("Sam", "book the room for the offsite", null),
          new ActionItem("Priya", "review the launch checklist", "Monday", "2026-03-16"));

  /** The step's resolve_date calls, as the real step returns them for {@link #ITEMS}. */
  static final List<ToolCall> DATE_CALLS =
      List.of(
          dateCall("call_1", 1, "Friday", "2026-03-13"),
          dateCall("call_3", 3, "Monday", "2026-03-16"));

  private final boolean findUntilCancelled;
  private final List<FollowUpInput> followUps = new ArrayList<>();
  private final List<ActionItemsInput> actionItemInputs = new ArrayList<>();

  FakeMeetingNotesActivities(boolean findUntilCancelled) {
    this.findUntilCancelled = findUntilCancelled;
  }

  @Override
  public ActionItems findActionItems(ActionItemsInput input) {
    synchronized (this) {
      actionItemInputs.add(input);
    }
    if (!findUntilCancelled) {
      return new ActionItems(ITEMS, lines(ITEMS), false, DATE_CALLS, TokenUsage.NONE);
    }
    ActivityExecutionContext context = Activity.getExecutionContext();
    List<ActionItem> found = new ArrayList<>();
    for (int n = 0; ; n++) {
      found.add(ITEMS.get(n % ITEMS.size()));
      try {
        context.heartbeat(n);
        Thread.sleep(50);
      } catch (ActivityCanceledException e) {
        return new ActionItems(found, lines(found), true);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new ActionItems(found, lines(found), true);
      }
    }
  }

  @Override
  public synchronized TextResult draftFollowUp(FollowUpInput input) {
    followUps.add(input);
    return new TextResult("Hi all,\n" + lines(input.items()) + "Thanks!", false);
  }

  synchronized List<FollowUpInput> followUps() {
    return List.copyOf(followUps);
  }

  synchronized List<ActionItemsInput> actionItemInputs() {
    return List.copyOf(actionItemInputs);
  }

  private static ToolCall dateCall(String id, int item, String expression, String date) {
    return ToolCall.started(
            id, "resolve_date", "{\"item\":" + item + ",\"expression\":\"" + expression + "\"}")
        .ended(expression + " → " + date, Map.of("item", item, "date", date), null);
  }

  static String lines(List<ActionItem> items) {
    return items.stream()
        .map(i -> "- " + i.owner() + ": " + i.task() + "\n")
        .collect(Collectors.joining());
  }
}
