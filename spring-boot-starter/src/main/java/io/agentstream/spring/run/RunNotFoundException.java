package io.agentstream.spring.run;

/** No run with that id exists. */
public class RunNotFoundException extends RuntimeException {
  public RunNotFoundException(String runId) {
    super("no run with id " + runId);
  }
}
