package io.agentstream.step;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.response.PartialToolCall;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One model turn's tool calls through a step's writer, the same way for every agent's tool loop. On
 * a first attempt ({@code live}) each call streams as the model writes it: {@code
 * tool.call.started} at its first piece, then its arguments, and it is completed in place once run.
 * On a resumed attempt each goes through {@link StepWriter#callTool}, which answers a call the
 * checkpoint holds without running it again and streams only the new ones.
 */
public final class ToolCallTurn {

  private final StepWriter writer;
  private final boolean live;

  /** The writer's index of each call streamed so far, by the call's place in the turn. */
  private final Map<Integer, Integer> streamed = new ConcurrentHashMap<>();

  /**
   * @param live whether the calls stream as the model writes them: true on an attempt whose
   *     checkpoint holds no tool calls
   */
  public ToolCallTurn(StepWriter writer, boolean live) {
    this.writer = writer;
    this.live = live;
  }

  /** A piece of a call as the model streams it: give it to {@code ModelStream.toolTurn}. */
  public void piece(PartialToolCall piece) {
    if (!live) {
      return;
    }
    Integer index = streamed.get(piece.index());
    if (index == null) {
      int started = writer.toolCallStarted(piece.id(), piece.name(), piece.partialArguments());
      if (started >= 0) {
        streamed.put(piece.index(), started);
      }
    } else {
      writer.toolCallArguments(index, piece.partialArguments());
    }
  }

  /**
   * Runs the turn's call number {@code place} (its index in the list the turn returned) and records
   * its result; a failure of the tool is recorded on the call and rethrown.
   */
  public ToolResult run(int place, ToolExecutionRequest call, Supplier<ToolResult> tool) {
    Integer index = streamed.get(place);
    if (index == null) {
      return writer.callTool(call.id(), call.name(), call.arguments(), tool);
    }
    try {
      ToolResult result = tool.get();
      writer.toolCallCompleted(index, result.summary(), result.data());
      return result;
    } catch (RuntimeException e) {
      writer.toolCallFailed(index, StepWriter.messageOf(e));
      throw e;
    }
  }
}
