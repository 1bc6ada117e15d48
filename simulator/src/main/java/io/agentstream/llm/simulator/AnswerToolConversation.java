package io.agentstream.llm.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The question-answer agent's tool conversation ({@code Task: answer} with tools offered), as a
 * model that uses its tools well would hold it:
 *
 * <ol>
 *   <li>no tool results yet: a {@code calculate} call for arithmetic in the question ("What is 17.5
 *       * 4 + 3?"), a {@code current_date_time} call when it asks about today, the date or the
 *       time, both in one turn when it does both; for any other question no call, the answer at
 *       once;
 *   <li>results in: the answer, opening with one sentence per result ("17.5 * 4 + 3 = 73.", "It is
 *       Wednesday, 2026-12-02, 09:30 UTC.") and going on as the {@code answer} task does.
 * </ol>
 *
 * A pure function of the conversation, so a retried step that asks again gets the same calls, and a
 * continuation gets exactly the rest of the same answer.
 */
final class AnswerToolConversation {

  static final String TASK = "answer";

  /** Two numbers or more joined by operators: "17.5 * 4 + 3", "(2 + 3) ^ 2". */
  private static final Pattern ARITHMETIC =
      Pattern.compile(
          "[(\\s]*-?\\d+(?:[.,]\\d+)*\\s*\\)*(?:\\s*[-+*/×÷^%]\\s*[(\\s]*-?\\d+(?:[.,]\\d+)*\\s*\\)*)+");

  private static final Pattern ABOUT_NOW =
      Pattern.compile(
          "\\b(today|today's|tomorrow|yesterday|date|day of the week|what day|what time|time is"
              + " it|current time|right now)\\b");

  private AnswerToolConversation() {}

  /** The next turn's tool calls; none when the answer is due. */
  static List<SimulatedToolCalls.Call> nextCalls(
      ChatCompletionCall call, ObjectMapper json, String replyId) {
    if (!call.toolResults(json).isEmpty() || offered(call).isEmpty()) {
      return List.of();
    }
    String prefix = "call_" + replyId.substring(replyId.lastIndexOf('-') + 1) + "_";
    String question = SimulatedToolCalls.lastUserText(call);
    List<String> offered = offered(call);
    List<SimulatedToolCalls.Call> calls = new ArrayList<>();
    String expression = arithmeticIn(question);
    if (expression != null && offered.contains("calculate")) {
      calls.add(
          new SimulatedToolCalls.Call(
              prefix + calls.size(),
              "calculate",
              json.createObjectNode().put("expression", expression).toString()));
    }
    if (ABOUT_NOW.matcher(question.toLowerCase(Locale.ROOT)).find()
        && offered.contains("current_date_time")) {
      calls.add(
          new SimulatedToolCalls.Call(
              prefix + calls.size(),
              "current_date_time",
              json.createObjectNode().put("time_zone", "UTC").toString()));
    }
    return calls;
  }

  /**
   * The answer still owed: the whole answer, or its rest after the text the client already holds.
   */
  static String answer(ChatCompletionCall call, SimulatedPrompt prompt, ObjectMapper json) {
    StringBuilder full = new StringBuilder();
    for (JsonNode result : call.toolResults(json)) {
      full.append(sentenceFor(result)).append(' ');
    }
    full.append(ReplyComposer.fullReplyFor(prompt));
    String partial = prompt.partialReply();
    return partial == null || partial.isEmpty()
        ? full.toString()
        : Continuation.remainderOf(full.toString(), partial);
  }

  /** The arithmetic in the question, or null. */
  static String arithmeticIn(String question) {
    Matcher m = ARITHMETIC.matcher(question == null ? "" : question);
    return m.find() ? m.group().strip() : null;
  }

  private static String sentenceFor(JsonNode result) {
    if (result.has("error")) {
      return "I could not work that out (" + result.path("error").asText() + ").";
    }
    if (result.has("result")) {
      return result.path("expression").asText() + " = " + result.path("result").asText() + ".";
    }
    if (result.has("date")) {
      return "It is "
          + result.path("dayOfWeek").asText()
          + ", "
          + result.path("date").asText()
          + ", "
          + result.path("time").asText()
          + " "
          + result.path("timeZone").asText()
          + ".";
    }
    return "The tool said: " + result + ".";
  }

  private static List<String> offered(ChatCompletionCall call) {
    return call.tools().stream().map(ChatCompletionCall.ToolSpec::name).toList();
  }
}
