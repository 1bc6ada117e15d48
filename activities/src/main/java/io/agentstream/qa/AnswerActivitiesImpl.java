package io.agentstream.qa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import io.agentstream.llm.ModelStream;
import io.agentstream.llm.ModelTurn;
import io.agentstream.protocol.ToolCall;
import io.agentstream.protocol.ToolCallStatus;
import io.agentstream.run.TextResult;
import io.agentstream.step.StepWriter;
import io.agentstream.step.StepWriters;
import io.agentstream.step.ToolCallTurn;
import io.agentstream.step.ToolResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers a question, streaming, with tools for what a model cannot know or gets wrong ({@link
 * AnswerTools}: exact arithmetic, today's date). The model decides: most questions it answers
 * straight away, in one call whose text is the answer; for the others it calls tools, each streamed
 * as it is made and its result recorded with the writer, and answers once it has what it needs.
 *
 * <p>The text is checkpointed after every token (heartbeated about once a second), the tool calls
 * once each has completed. A retry asks the model again with the calls already made and their
 * results in the conversation, so no tool runs twice, and with the checkpointed text as the start
 * of its reply to continue from. The calls go back with the reasoning that led to them, which the
 * checkpoint keeps ({@link StepWriter#recordThinking}): DeepSeek's thinking mode refuses them
 * without it.
 */
public class AnswerActivitiesImpl implements AnswerActivities {

  static final String INSTRUCTIONS =
      "Answer the question clearly in a short paragraph. Use the calculate tool for any"
          + " arithmetic and the current_date_time tool when the answer depends on today's date or"
          + " the time; call no tool otherwise.";

  static final String CONTINUE =
      "Continue exactly where you stopped. Do not repeat anything already written; output only"
          + " the continuation.";

  /** Model turns at most; the last one is offered no tools, so it must answer. */
  static final int MAX_TURNS = 4;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final StepWriters writers;
  private final ModelStream model;
  private final AnswerTools tools;

  public AnswerActivitiesImpl(StepWriters writers, ModelStream model) {
    this(writers, model, Clock.systemUTC());
  }

  /** With the clock the {@code current_date_time} tool reads. */
  public AnswerActivitiesImpl(StepWriters writers, ModelStream model, Clock clock) {
    this.writers = writers;
    this.model = model;
    this.tools = new AnswerTools(clock);
  }

  @Override
  public TextResult answer(AnswerInput input) {
    try (StepWriter writer = writers.openTextStep(input.stepId())) {
      try {
        converse(writer, input.question());
      } catch (RuntimeException e) {
        throw writer.failed(e);
      }
      return new TextResult(writer.text(), writer.cutShort(), writer.toolCalls(), writer.usage());
    }
  }

  private void converse(StepWriter writer, String question) {
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(SystemMessage.from("Task: answer\n" + INSTRUCTIONS));
    messages.add(UserMessage.from(question));
    // A retry: the calls an earlier attempt completed, so the model does not ask for them again.
    List<ToolCall> done =
        writer.toolCalls().stream().filter(c -> c.status() == ToolCallStatus.COMPLETED).toList();
    if (!done.isEmpty()) {
      messages.add(
          ModelTurn.message(
              done.stream().map(AnswerActivitiesImpl::requestOf).toList(),
              writer.thinkingOf(done)));
      done.forEach(
          c -> messages.add(ToolExecutionResultMessage.from(requestOf(c), json(c.data()))));
    }
    boolean live = done.isEmpty();
    for (int turn = 1; turn <= MAX_TURNS && !writer.stopRequested(); turn++) {
      List<ChatMessage> asked = new ArrayList<>(messages);
      String partial = writer.text();
      if (!partial.isEmpty()) {
        asked.add(AiMessage.from(partial));
        asked.add(UserMessage.from(CONTINUE));
      }
      ToolCallTurn calling = new ToolCallTurn(writer, live);
      ModelTurn reply =
          model.toolTurn(
              asked,
              turn < MAX_TURNS ? AnswerTools.SPECIFICATIONS : List.of(),
              writer::token,
              calling::piece,
              writer::stopRequested);
      List<ToolExecutionRequest> calls = reply.calls();
      if (calls.isEmpty() || writer.stopRequested()) {
        return;
      }
      messages.add(reply.message());
      writer.recordThinking(reply);
      for (int i = 0; i < calls.size() && !writer.stopRequested(); i++) {
        ToolExecutionRequest call = calls.get(i);
        ToolResult result = calling.run(i, call, () -> tools.run(call.name(), call.arguments()));
        messages.add(ToolExecutionResultMessage.from(call, json(result.data())));
      }
    }
  }

  private static ToolExecutionRequest requestOf(ToolCall call) {
    return ToolExecutionRequest.builder()
        .id(call.callId())
        .name(call.name())
        .arguments(call.arguments())
        .build();
  }

  private static String json(Object data) {
    try {
      return JSON.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      return String.valueOf(data);
    }
  }
}
