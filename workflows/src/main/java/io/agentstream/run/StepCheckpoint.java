package io.agentstream.run;

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
 */
public record StepCheckpoint(String step, int attempt, String text, List<Object> items, long seq) {
  public StepCheckpoint {
    text = text == null ? "" : text;
    items = items == null ? List.of() : List.copyOf(items);
  }
}
