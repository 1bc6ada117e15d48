package io.agentstream.spring.run;

/** The run is not in a state that accepts this message (maps to 409). */
public class RunConflictException extends RuntimeException {
  public RunConflictException(String message) {
    super(message);
  }
}
