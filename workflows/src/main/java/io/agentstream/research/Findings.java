package io.agentstream.research;

import io.agentstream.protocol.TokenUsage;
import io.agentstream.protocol.ToolCall;
import io.agentstream.run.StepResult;
import java.util.List;

/**
 * Output of one research step.
 *
 * @param subQuestion what it researched
 * @param sources the passages its searches found, in the order they were streamed
 * @param notes the model's notes on what the passages say (the step's streamed text)
 * @param cutShort true when finish-now stopped it early
 * @param toolCalls its {@code search} and {@code read} calls
 */
public record Findings(
    String subQuestion,
    List<Source> sources,
    String notes,
    boolean cutShort,
    List<ToolCall> toolCalls,
    TokenUsage usage) {

  public Findings {
    sources = sources == null ? List.of() : List.copyOf(sources);
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    usage = TokenUsage.orNone(usage);
  }

  /** A result that reports no token usage. */
  public Findings(
      String subQuestion,
      List<Source> sources,
      String notes,
      boolean cutShort,
      List<ToolCall> toolCalls) {
    this(subQuestion, sources, notes, cutShort, toolCalls, TokenUsage.NONE);
  }

  public StepResult toStepResult() {
    return new StepResult(notes, sources, cutShort, toolCalls, usage);
  }
}
