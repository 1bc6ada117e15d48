package io.agentstream.llm.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The meeting-notes agent's date conversation ({@code Task: resolve-due-dates}, tool {@code
 * resolve_date} offered): one turn of calls, one per item of the user message that has a due date
 * ({@code 3. Priya: review the checklist (due Monday)}), all in one turn like a real model's
 * parallel calls, each with the item's number and its due date exactly as written: {@code
 * {"item":3,"expression":"Monday"}}. The turn after the results is text, which the handler's usual
 * path composes. A pure function of the request, so a retried step that asks again gets the same
 * calls.
 */
final class NotesDateConversation {

  static final String TASK = "resolve-due-dates";

  private static final Pattern ITEM =
      Pattern.compile("(?m)^\\s*(?<n>\\d+)\\.\\s+.*?\\((?:due|by)\\s+(?<due>[^)]+)\\)\\s*$");

  private NotesDateConversation() {}

  /** This turn's calls: one per dated item of the request. */
  static List<SimulatedToolCalls.Call> calls(
      ChatCompletionCall call, ObjectMapper json, String replyId) {
    String prefix = "call_" + replyId.substring(replyId.lastIndexOf('-') + 1) + "_";
    List<SimulatedToolCalls.Call> calls = new ArrayList<>();
    Matcher item = ITEM.matcher(SimulatedToolCalls.lastUserText(call));
    while (item.find()) {
      calls.add(
          new SimulatedToolCalls.Call(
              prefix + calls.size(),
              "resolve_date",
              json.createObjectNode()
                  .put("item", Integer.parseInt(item.group("n")))
                  .put("expression", item.group("due").strip())
                  .toString()));
    }
    return calls;
  }
}
