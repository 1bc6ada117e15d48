package io.agentstream.client;

/** The server refused a request: its HTTP status and the problem details it gave (RFC 9457). */
public class AgentstreamException extends RuntimeException {

  private final int status;
  private final String body;

  AgentstreamException(int status, String detail, String body) {
    super("HTTP " + status + (detail == null ? "" : ": " + detail));
    this.status = status;
    this.body = body;
  }

  AgentstreamException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
    this.body = null;
  }

  /** The HTTP status, or 0 when the server could not be reached. */
  public int status() {
    return status;
  }

  /** The response body as sent (a problem+json document), or null. */
  public String body() {
    return body;
  }
}
