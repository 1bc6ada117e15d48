package io.agentstream.run;

import io.agentstream.protocol.TokenUsage;
import io.agentstream.protocol.ToolCall;
import java.util.List;
import java.util.Map;

/**
 * The partial result of a running step, sent as Temporal heartbeat details. It is the durable copy
 * of what the step has streamed: a retry resumes from it and snapshots read it through
 * DescribeWorkflowExecution.
 *
 * @param step step id
 * @param attempt the attempt that wrote it
 * @param text text streamed up to a consistent point
 * @param items data items found up to the same point
 * @param seq highest live-channel sequence whose effect this checkpoint already contains
 * @param toolCalls the tool calls that had completed (result included) and reached clients: a retry
 *     does not make them again; a checkpoint from before tool calls reads as none
 * @param usage the tokens this attempt and the ones before it used so far: every model call that
 *     reported usage (or was stopped after streaming some), whether or not its output reached the
 *     checkpoint (it was billed), so a retry adds to it; a checkpoint from before usage was
 *     recorded reads as none
 * @param thinking the reasoning a reasoning model wrote before tool calls of {@code toolCalls}, by
 *     the id of the turn's first call: a retry that sends those calls back to the model sends it
 *     with them, as DeepSeek's thinking mode requires; never streamed; a checkpoint from before it
 *     was recorded reads as none
 * @param reasoning the step's reasoning streamed up to the same point as {@code text} ({@code
 *     step.reasoning}), which a snapshot shows and a retry's {@code step.rewind} restores; a
 *     checkpoint from before it was streamed reads as none
 */
public record StepCheckpoint(
    String step,
    int attempt,
    String text,
    List<Object> items,
    long seq,
    List<ToolCall> toolCalls,
    TokenUsage usage,
    Map<String, String> thinking,
    String reasoning) {
  public StepCheckpoint {
    text = text == null ? "" : text;
    items = items == null ? List.of() : List.copyOf(items);
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    usage = TokenUsage.orNone(usage);
    thinking = thinking == null ? Map.of() : Map.copyOf(thinking);
    reasoning = reasoning == null ? "" : reasoning;
  }

  /** A checkpoint without streamed reasoning. */
  public StepCheckpoint(
      String step,
      int attempt,
      String text,
      List<Object> items,
      long seq,
      List<ToolCall> toolCalls,
      TokenUsage usage,
      Map<String, String> thinking) {
    this(step, attempt, text, items, seq, toolCalls, usage, thinking, "");
  }

  /** A checkpoint without reasoning of tool calls. */
  public StepCheckpoint(
      String step,
      int attempt,
      String text,
      List<Object> items,
      long seq,
      List<ToolCall> toolCalls,
      TokenUsage usage) {
    this(step, attempt, text, items, seq, toolCalls, usage, Map.of());
  }

  /** A checkpoint of a step without tool calls. */
  public StepCheckpoint(String step, int attempt, String text, List<Object> items, long seq) {
    this(step, attempt, text, items, seq, List.of(), TokenUsage.NONE);
  }

  /** A checkpoint that reports no token usage. */
  public StepCheckpoint(
      String step,
      int attempt,
      String text,
      List<Object> items,
      long seq,
      List<ToolCall> toolCalls) {
    this(step, attempt, text, items, seq, toolCalls, TokenUsage.NONE);
  }
}
