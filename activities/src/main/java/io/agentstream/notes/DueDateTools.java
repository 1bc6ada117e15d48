package io.agentstream.notes;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.agentstream.llm.ModelStream;
import io.agentstream.llm.ModelTurn;
import io.agentstream.protocol.EventCodec;
import io.agentstream.step.StepWriter;
import io.agentstream.step.ToolCallTurn;
import io.agentstream.step.ToolResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The action-items step's second part: once the list is written, the model is offered {@code
 * resolve_date(item, expression)} and calls it for each item with a due date, in one turn (parallel
 * calls). Each call streams as it is made (its arguments as the model writes them) and runs {@link
 * DateTool} against the meeting's date; a resolved date replaces the item, streamed again as {@code
 * step.data} at its index with its {@code dueDate}, and a checkpoint is marked after each call.
 * When a call could not be resolved the model is told why and may try once more in a next turn (at
 * most {@link #MAX_TURNS}); when every item's date is resolved the model is not asked again.
 *
 * <p>The model never does calendar arithmetic, the tool does, and the model never places a date on
 * an item, the step does, by the item's number: what the model contributes is reading the due date
 * as written and, if the tool cannot read it, rephrasing it.
 *
 * <p>On a resumed attempt the conversation is rebuilt with the items still without a date (the
 * checkpoint holds the others, resolved); each call then goes through {@link StepWriter#callTool},
 * which answers a call already made from the checkpoint, so no call is run or streamed twice.
 */
final class DueDateTools {

  static final String RESOLVE_DATE = "resolve_date";

  /** The task line of the tool conversation; the simulator scripts it by this name. */
  static final String TASK = "resolve-due-dates";

  /** Model turns at most: the calls, and one more round for the dates the tool could not read. */
  static final int MAX_TURNS = 3;

  static final String INSTRUCTIONS =
      "Resolve the due date of each action item below to a calendar date with the resolve_date"
          + " tool. Call it once per item, all in one turn, with the item's number and its due date"
          + " as written. Never work out a date yourself: the tool counts from the meeting's date."
          + " When the tool cannot resolve one, call it once more with a plain date expression if"
          + " the notes make the date clear, else leave that item. Then reply with the word done.";

  static final ToolSpecification TOOL =
      ToolSpecification.builder()
          .name(RESOLVE_DATE)
          .description(
              "Resolves a due date written in words ('Friday', 'next Monday', 'end of month', 'in 2"
                  + " weeks', 'March 20', '2026-03-20') to an ISO date, counted from the meeting's"
                  + " date. Returns the date and its weekday, or an error that says why not.")
          .parameters(
              JsonObjectSchema.builder()
                  .addIntegerProperty("item", "the action item's number, as listed")
                  .addStringProperty("expression", "the item's due date, as written")
                  .required("item", "expression")
                  .build())
          .build();

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final StepWriter writer;
  private final ModelStream model;
  private final DateTool tool;
  private final LocalDate meetingDate;

  DueDateTools(StepWriter writer, ModelStream model, DateTool tool, LocalDate meetingDate) {
    this.writer = writer;
    this.model = model;
    this.tool = tool;
    this.meetingDate = meetingDate;
  }

  /** Resolves the due dates of the writer's items that have one and no date yet. */
  void resolve() {
    List<Integer> open = unresolved(items());
    if (open.isEmpty()) {
      return;
    }
    writer.progress("Resolving " + open.size() + (open.size() == 1 ? " due date" : " due dates"));
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(SystemMessage.from("Task: " + TASK + "\n" + INSTRUCTIONS));
    messages.add(UserMessage.from(material(items(), open, meetingDate)));
    // Calls in the checkpoint may be asked for again: then only callTool may answer them.
    boolean live = writer.toolCalls().isEmpty();
    for (int turn = 0; turn < MAX_TURNS && !writer.stopRequested(); turn++) {
      ToolCallTurn calling = new ToolCallTurn(writer, live);
      ModelTurn reply =
          model.toolTurn(
              messages, List.of(TOOL), token -> {}, calling::piece, writer::stopRequested);
      List<ToolExecutionRequest> calls = reply.calls();
      if (calls.isEmpty() || writer.stopRequested()) {
        return;
      }
      messages.add(reply.message());
      boolean anyUnresolved = false;
      for (int i = 0; i < calls.size() && !writer.stopRequested(); i++) {
        ToolExecutionRequest call = calls.get(i);
        DueDateAnswer answer = run(calling, i, call);
        apply(answer);
        writer.checkpoint();
        anyUnresolved |= !answer.resolved();
        messages.add(ToolExecutionResultMessage.from(call, toJson(answer)));
      }
      if (!anyUnresolved || unresolved(items()).isEmpty()) {
        return;
      }
    }
  }

  /**
   * What the model is given: the meeting's date and the open items, each with its number in the
   * whole list, so a call names exactly one item.
   */
  static String material(List<ActionItem> items, List<Integer> open, LocalDate meetingDate) {
    StringBuilder text =
        new StringBuilder("Meeting date: ")
            .append(meetingDate)
            .append(" (")
            .append(DueDateResolver.name(meetingDate.getDayOfWeek()))
            .append(")\nAction items with due dates:\n");
    for (int index : open) {
      text.append(index + 1)
          .append(". ")
          .append(ActionItemLines.format(items.get(index)).substring(2))
          .append('\n');
    }
    return text.toString();
  }

  /** Indexes of the items with a due date as written and none resolved. */
  private static List<Integer> unresolved(List<ActionItem> items) {
    List<Integer> open = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).due() != null && items.get(i).dueDate() == null) {
        open.add(i);
      }
    }
    return open;
  }

  /** The writer's items; after a retry the checkpointed ones are JSON maps, read back here. */
  private List<ActionItem> items() {
    return writer.items().stream()
        .map(item -> EventCodec.json().mapper().convertValue(item, ActionItem.class))
        .toList();
  }

  private DueDateAnswer run(ToolCallTurn calling, int place, ToolExecutionRequest call) {
    ToolResult result;
    try {
      // Answered from the checkpoint when an earlier attempt completed this very call.
      result = calling.run(place, call, () -> execute(call));
    } catch (RuntimeException e) {
      throw writer.failed(e); // step.retrying; the retry resumes from the checkpoint
    }
    return JSON.convertValue(result.data(), DueDateAnswer.class);
  }

  /**
   * One call. The model's mistakes (another tool, arguments that are not the schema, an item that
   * does not exist or has no due date) are answers it is told, like an expression the tool cannot
   * read, not failures of the step.
   */
  private ToolResult execute(ToolExecutionRequest call) {
    DueDateAnswer answer = answer(call);
    return new ToolResult(answer.summary(), answer);
  }

  private DueDateAnswer answer(ToolExecutionRequest call) {
    JsonNode arguments;
    try {
      arguments = JSON.readTree(call.arguments());
    } catch (Exception e) {
      arguments = null;
    }
    if (!RESOLVE_DATE.equals(call.name())
        || arguments == null
        || !arguments.path("item").canConvertToInt()
        || !arguments.path("expression").isTextual()) {
      return DueDateAnswer.failed(
          0,
          "",
          "call " + RESOLVE_DATE + " with {\"item\": <number>, \"expression\": \"<due date>\"}");
    }
    int item = arguments.path("item").asInt();
    String expression = arguments.path("expression").asText();
    List<ActionItem> items = items();
    if (item < 1 || item > items.size() || items.get(item - 1).due() == null) {
      return DueDateAnswer.failed(item, expression, "item " + item + " has no due date to resolve");
    }
    writer.progress("Resolving \"" + expression + "\"");
    return DueDateAnswer.of(item, expression, tool.resolve(expression, meetingDate));
  }

  /** Puts a resolved date on its item, streamed at the item's index; nothing if it has it. */
  private void apply(DueDateAnswer answer) {
    int index = answer.item() - 1;
    List<ActionItem> items = items();
    if (!answer.resolved() || index < 0 || index >= items.size()) {
      return;
    }
    ActionItem item = items.get(index);
    if (!answer.date().equals(item.dueDate())) {
      writer.replaceData(index, item.withDueDate(answer.date()));
    }
  }

  private static String toJson(Object data) {
    try {
      return JSON.writeValueAsString(data);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
