package io.agentstream.trip;

import io.agentstream.protocol.TokenUsage;
import io.agentstream.protocol.ToolCall;
import io.agentstream.run.StepResult;
import java.util.List;

/**
 * Output of a research step.
 *
 * @param places places recommended, with rationale
 * @param text the streamed rationale text
 * @param cutShort true when stopped early by finish-now
 * @param toolCalls the {@code search_places} calls the step made (none in results from before tool
 *     calls)
 * @param usage the tokens the step's model calls used, every attempt included
 */
public record ResearchResult(
    List<Place> places, String text, boolean cutShort, List<ToolCall> toolCalls, TokenUsage usage) {

  public ResearchResult {
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    usage = TokenUsage.orNone(usage);
  }

  /** A result that reports no token usage. */
  public ResearchResult(
      List<Place> places, String text, boolean cutShort, List<ToolCall> toolCalls) {
    this(places, text, cutShort, toolCalls, TokenUsage.NONE);
  }

  /** A result without tool calls. */
  public ResearchResult(List<Place> places, String text, boolean cutShort) {
    this(places, text, cutShort, List.of());
  }

  public StepResult toStepResult() {
    return new StepResult(text, places, cutShort, toolCalls, usage);
  }
}
