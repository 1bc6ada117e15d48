package io.agentstream.run;

import io.agentstream.protocol.StepSnapshot;
import io.agentstream.protocol.StepStatus;
import io.agentstream.protocol.TokenUsage;
import io.agentstream.protocol.ToolCall;
import java.util.List;

/**
 * One step as the workflow knows it.
 *
 * @param id stable step id, also the {@code step} field of stream events
 * @param title human readable name
 * @param status current status
 * @param attempt the attempt the workflow last heard of (1 until a result arrives)
 * @param text streamed text output; complete once the step is done
 * @param items custom data items (for example places found); complete once the step is done
 * @param error last failure message, if any
 * @param startedSeq live-channel sequence of its {@code step.started} event (0 until known); a
 *     snapshot that has no checkpoint for a running step covers events only up to here
 * @param toolCalls the step's tool calls; complete once the step is done (a state from before tool
 *     calls reads as none)
 */
public record StepState(
    String id,
    String title,
    StepStatus status,
    int attempt,
    String text,
    List<Object> items,
    String error,
    long startedSeq,
    List<ToolCall> toolCalls,
    TokenUsage usage) {

  public StepState {
    text = text == null ? "" : text;
    items = items == null ? List.of() : List.copyOf(items);
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    usage = TokenUsage.orNone(usage);
  }

  public static StepState pending(String id, String title) {
    return new StepState(
        id, title, StepStatus.PENDING, 0, "", List.of(), null, 0, List.of(), TokenUsage.NONE);
  }

  public StepState withStatus(StepStatus newStatus) {
    return new StepState(
        id, title, newStatus, attempt, text, items, error, startedSeq, toolCalls, usage);
  }

  public StepState withOutput(StepStatus newStatus, String newText, List<?> newItems) {
    return withOutput(newStatus, newText, newItems, toolCalls);
  }

  public StepState withOutput(
      StepStatus newStatus, String newText, List<?> newItems, List<ToolCall> newToolCalls) {
    return withOutput(newStatus, newText, newItems, newToolCalls, usage);
  }

  /** The finished step's output, with the tokens it used. */
  public StepState withOutput(
      StepStatus newStatus,
      String newText,
      List<?> newItems,
      List<ToolCall> newToolCalls,
      TokenUsage newUsage) {
    return new StepState(
        id,
        title,
        newStatus,
        Math.max(attempt, 1),
        newText,
        List.copyOf(newItems),
        error,
        startedSeq,
        newToolCalls,
        newUsage);
  }

  public StepState withError(StepStatus newStatus, String message) {
    return new StepState(
        id, title, newStatus, attempt, text, items, message, startedSeq, toolCalls, usage);
  }

  /** Failed with {@code used} tokens, what its attempts were billed. */
  public StepState withError(StepStatus newStatus, String message, TokenUsage used) {
    return new StepState(
        id, title, newStatus, attempt, text, items, message, startedSeq, toolCalls, used);
  }

  public StepState started() {
    return new StepState(
        id,
        title,
        StepStatus.RUNNING,
        Math.max(attempt, 1),
        text,
        items,
        null,
        startedSeq,
        toolCalls,
        usage);
  }

  public StepState withStartedSeq(long seq) {
    return new StepState(id, title, status, attempt, text, items, error, seq, toolCalls, usage);
  }

  /** The step as clients see it, without a running attempt's checkpoint. */
  public StepSnapshot toSnapshot() {
    return new StepSnapshot(id, title, status, attempt, text, items, error, toolCalls, usage);
  }
}
