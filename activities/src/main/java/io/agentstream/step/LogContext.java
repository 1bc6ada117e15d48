package io.agentstream.step;

import org.slf4j.MDC;

/**
 * The run and step a log line is about, as MDC fields ({@value #RUN_ID}, {@value #STEP_ID}), so a
 * structured log (ECS, Logstash) can be filtered by run. Whoever works for a run on a thread opens
 * a context for as long as it does: the worker for each activity, the {@link StepWriter} on the
 * threads it sends and heartbeats from, the HTTP layer for requests and SSE sessions about a run.
 * Closing restores what the thread had before, so pooled threads never carry a stale run.
 */
public final class LogContext implements AutoCloseable {

  /** MDC key of the run id (the Temporal workflow id). */
  public static final String RUN_ID = "runId";

  /** MDC key of the step id ({@code plan}, {@code research-restaurants}, ...). */
  public static final String STEP_ID = "stepId";

  private final String previousRun;
  private final String previousStep;

  private LogContext(String runId, String stepId) {
    this.previousRun = MDC.get(RUN_ID);
    this.previousStep = MDC.get(STEP_ID);
    set(RUN_ID, runId);
    set(STEP_ID, stepId);
  }

  /**
   * Puts the run and step into this thread's MDC until {@link #close()}.
   *
   * @param stepId the step, or null for a log line about the run as a whole
   */
  public static LogContext open(String runId, String stepId) {
    return new LogContext(runId, stepId);
  }

  /** Puts the run into this thread's MDC until {@link #close()}, with no step. */
  public static LogContext ofRun(String runId) {
    return new LogContext(runId, null);
  }

  /** Restores the fields this thread had before {@link #open}. */
  @Override
  public void close() {
    set(RUN_ID, previousRun);
    set(STEP_ID, previousStep);
  }

  private static void set(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
