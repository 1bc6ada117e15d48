package io.agentstream.stream;

/** Why a run's running steps should stop now. */
public enum StopRequest {
  /** Keep the partial output as the step's result and go on to the final step. */
  FINISH_NOW,
  /** The run is being cancelled. */
  CANCEL
}
