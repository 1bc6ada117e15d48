package io.agentstream.llm;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import java.util.List;

/**
 * What one model turn with tools offered gave ({@link ModelStream#toolTurn}): the tool calls it
 * made, and the reasoning a reasoning model wrote before them.
 *
 * <p>The reasoning matters to the next turn, not to the step's output: a server in DeepSeek's
 * thinking mode refuses a conversation whose tool-calling turns come back without it (HTTP 400), so
 * {@link #message()} carries it, and the model client sends it back as {@code reasoning_content}
 * ({@code agentstream.model.send-thinking}).
 *
 * @param calls the tool calls, none when the model answered in text or the step was stopped
 * @param thinking the reasoning the server sent with the turn ({@code reasoning_content}), {@code
 *     ""} when none
 */
public record ModelTurn(List<ToolExecutionRequest> calls, String thinking) {

  /** A turn that made no calls. */
  public static final ModelTurn NO_CALLS = new ModelTurn(List.of(), "");

  public ModelTurn {
    calls = calls == null ? List.of() : List.copyOf(calls);
    thinking = thinking == null ? "" : thinking;
  }

  /** True when the model made no tool call (it answered in text, or the step was stopped). */
  public boolean noCalls() {
    return calls.isEmpty();
  }

  /**
   * The turn as the conversation's next message: its calls with its reasoning, which is sent back
   * only with {@code agentstream.model.send-thinking}. For a turn with calls.
   */
  public AiMessage message() {
    return message(calls, thinking);
  }

  /**
   * An assistant message of {@code calls} with the reasoning that led to them ({@code ""}: none).
   */
  public static AiMessage message(List<ToolExecutionRequest> calls, String thinking) {
    return AiMessage.builder()
        .toolExecutionRequests(calls)
        .thinking(thinking == null || thinking.isEmpty() ? null : thinking)
        .build();
  }
}
