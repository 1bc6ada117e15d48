package io.agentstream.run;

import io.agentstream.protocol.TokenUsage;
import io.agentstream.protocol.ToolCall;
import java.util.List;

/**
 * Output of a step that writes text.
 *
 * @param text the full text (a prefix of it when cut short)
 * @param cutShort true when finish-now, the token budget or cancellation stopped the step early
 * @param toolCalls the tool calls the step made (every attempt's completed ones), in order, so the
 *     step's final state shows them; none for a step without tools
 * @param usage the tokens the step's model calls used, every attempt included (none in results from
 *     before usage was recorded)
 */
public record TextResult(
    String text, boolean cutShort, List<ToolCall> toolCalls, TokenUsage usage) {
  public TextResult {
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    usage = TokenUsage.orNone(usage);
  }

  /** A result of a step that called no tools. */
  public TextResult(String text, boolean cutShort, TokenUsage usage) {
    this(text, cutShort, List.of(), usage);
  }

  /** A result that reports no token usage and no tool calls. */
  public TextResult(String text, boolean cutShort) {
    this(text, cutShort, List.of(), TokenUsage.NONE);
  }

  public StepResult toStepResult() {
    return new StepResult(text, List.of(), cutShort, toolCalls, usage);
  }
}
