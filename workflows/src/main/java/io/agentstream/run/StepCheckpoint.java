package io.agentstream.run;

import io.agentstream.protocol.ToolCall;
import java.util.List;

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
 */
public record StepCheckpoint(
    String step, int attempt, String text, List<Object> items, long seq, List<ToolCall> toolCalls) {
  public StepCheckpoint {
    text = text == null ? "" : text;
    items = items == null ? List.of() : List.copyOf(items);
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  /** A checkpoint of a step without tool calls. */
  public StepCheckpoint(String step, int attempt, String text, List<Object> items, long seq) {
    this(step, attempt, text, items, seq, List.of());
  }
}
