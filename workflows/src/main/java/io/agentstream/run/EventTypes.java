package io.agentstream.run;

/** Event type names on the live stream and in SSE {@code event:} lines; documented in docs/protocol.md. */
public final class EventTypes {
  public static final String SNAPSHOT = "snapshot";
  /** A run's first event: its initial {@link RunState}; sent to clients as a {@code snapshot}. */
  public static final String RUN_STARTED = "run.started";
  public static final String RUN_STATUS = "run.status";
  public static final String QUESTIONS = "questions";
  public static final String STEP_STARTED = "step.started";
  public static final String STEP_TOKEN = "step.token";
  public static final String STEP_DATA = "step.data";
  public static final String STEP_PROGRESS = "step.progress";
  public static final String STEP_REWIND = "step.rewind";
  public static final String STEP_RETRYING = "step.retrying";
  public static final String STEP_COMPLETED = "step.completed";
  public static final String STEP_FAILED = "step.failed";
  public static final String RUN_COMPLETED = "run.completed";
  public static final String RUN_FAILED = "run.failed";
  public static final String RUN_CANCELLED = "run.cancelled";

  private EventTypes() {}

  public static boolean isTerminal(String type) {
    return RUN_COMPLETED.equals(type) || RUN_FAILED.equals(type) || RUN_CANCELLED.equals(type);
  }
}
