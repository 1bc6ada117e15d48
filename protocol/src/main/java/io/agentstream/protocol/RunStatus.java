package io.agentstream.protocol;

/** Where a run is, as clients and the Temporal UI see it. */
public enum RunStatus {
  RUNNING,
  WAITING_FOR_INPUT,
  COMPLETED,
  FAILED,
  CANCELLED;

  /** The one definition of "the run is over": its stream ends and it accepts no more messages. */
  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }
}
