package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One tool call of a step, as the snapshot and the reducers hold it.
 *
 * @param callId the model's id for the call (OpenAI's {@code tool_calls[].id}), so a result can be
 *     matched to its call
 * @param name the tool's name
 * @param arguments the arguments as JSON text, complete once the call has a result; while the model
 *     is still producing them, the part received so far
 * @param status {@code RUNNING} until the result or the failure arrives
 * @param summary a short human readable summary of the result, or null
 * @param data the result as JSON-friendly data, or null
 * @param error why the call failed, or null
 */
public record ToolCall(
    String callId,
    String name,
    String arguments,
    ToolCallStatus status,
    String summary,
    Object data,
    String error) {

  public ToolCall {
    arguments = arguments == null ? "" : arguments;
    status = status == null ? ToolCallStatus.RUNNING : status;
  }

  /** A call the model has just started. */
  public static ToolCall started(String callId, String name, String arguments) {
    return new ToolCall(callId, name, arguments, ToolCallStatus.RUNNING, null, null, null);
  }

  /** This call with more of its arguments: {@code text} belongs at {@code offset}. */
  public ToolCall withArguments(int offset, String text) {
    return new ToolCall(
        callId, name, arguments.substring(0, offset) + text, status, summary, data, error);
  }

  /** This call ended: completed with a result, or failed with {@code failure}. */
  public ToolCall ended(String resultSummary, Object resultData, String failure) {
    return new ToolCall(
        callId,
        name,
        arguments,
        failure == null ? ToolCallStatus.COMPLETED : ToolCallStatus.FAILED,
        resultSummary,
        resultData,
        failure);
  }

  /** True once the call has its result or its failure. */
  @JsonIgnore
  public boolean isDone() {
    return status != ToolCallStatus.RUNNING;
  }
}
