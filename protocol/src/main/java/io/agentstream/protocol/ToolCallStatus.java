package io.agentstream.protocol;

/** Where a {@link ToolCall} is: running (arguments may still be arriving) or ended. */
public enum ToolCallStatus {
  RUNNING,
  COMPLETED,
  FAILED
}
