package io.agentstream.protocol;

/** Life cycle of one agent step. */
public enum StepStatus {
  PENDING,
  RUNNING,
  /** An attempt failed and Temporal will retry it. */
  RETRYING,
  COMPLETED,
  /**
   * Its output ended early: finish-now or the run's token budget stopped it, or its {@code
   * max_tokens} cut the model's reply off. Its partial output became its result.
   */
  CUT_SHORT,
  /** Never ran because finish-now sent the run straight to its final step. */
  SKIPPED,
  FAILED,
  CANCELLED;

  /** A finished step takes no more deltas: its output is final. */
  public boolean isFinished() {
    return this == COMPLETED
        || this == CUT_SHORT
        || this == SKIPPED
        || this == FAILED
        || this == CANCELLED;
  }

  /** An attempt is running or about to be retried: its output is still being written. */
  public boolean isInFlight() {
    return this == RUNNING || this == RETRYING;
  }
}
