package io.agentstream.run;

/** Where a run is, as clients and the Temporal UI see it. */
public enum RunStatus {
  RUNNING,
  WAITING_FOR_INPUT,
  COMPLETED,
  FAILED,
  CANCELLED;

  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }
}
