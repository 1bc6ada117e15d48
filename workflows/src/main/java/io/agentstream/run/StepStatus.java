package io.agentstream.run;

/** Life cycle of one agent step. */
public enum StepStatus {
  PENDING,
  RUNNING,
  /** An attempt failed and Temporal will retry it. */
  RETRYING,
  COMPLETED,
  /** Stopped by finish-now; its partial output became its result. */
  CUT_SHORT,
  /** Never ran because finish-now sent the run straight to its final step. */
  SKIPPED,
  FAILED,
  CANCELLED
}
