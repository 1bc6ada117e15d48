package io.agentstream.spring.run;

/** A submission or message that cannot be accepted as given (maps to 400). */
public class InvalidRunRequestException extends RuntimeException {
  public InvalidRunRequestException(String message) {
    super(message);
  }
}
