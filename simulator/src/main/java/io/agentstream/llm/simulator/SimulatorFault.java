package io.agentstream.llm.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure the simulated model can be told to produce, so that retry, resume and error-reporting
 * paths of the project can be tested against the real OpenAI client instead of mocks.
 */
public sealed interface SimulatorFault
    permits SimulatorFault.HttpError, SimulatorFault.CutAfter, SimulatorFault.HangAfter {

  /** HTTP 429, which OpenAI clients treat as "retry later". */
  HttpError RATE_LIMIT =
      new HttpError(
          429, "Rate limit reached (simulated)", "rate_limit_exceeded", "rate_limit_exceeded");

  /** HTTP 500, a transient provider failure. */
  HttpError SERVER_ERROR =
      new HttpError(
          500,
          "The server had an error while processing your request (simulated)",
          "server_error",
          "server_error");

  /** HTTP 401, a configuration error that retrying will not fix. */
  HttpError UNAUTHORIZED =
      new HttpError(
          401,
          "Incorrect API key provided (simulated)",
          "invalid_request_error",
          "invalid_api_key");

  /** HTTP 400, a request the provider refuses; also not worth retrying. */
  HttpError BAD_REQUEST =
      new HttpError(400, "Invalid request (simulated)", "invalid_request_error", "invalid_request");

  /**
   * Streams {@code tokens} tokens, then drops the connection without a finish chunk or {@code
   * [DONE]}.
   */
  static CutAfter cutAfter(int tokens) {
    return new CutAfter(tokens);
  }

  /** Streams {@code tokens} tokens, goes silent for {@code silence}, then drops the connection. */
  static HangAfter hangAfter(int tokens, Duration silence) {
    return new HangAfter(tokens, silence);
  }

  /** Refuses the request before any token with an OpenAI-style error body. */
  record HttpError(int status, String message, String type, String code) implements SimulatorFault {
    public HttpError {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(code, "code");
    }
  }

  /** A connection that breaks mid-stream, the case that resume-from-partial exists for. */
  record CutAfter(int tokens) implements SimulatorFault {
    public CutAfter {
      if (tokens < 0) {
        throw new IllegalArgumentException("tokens must be >= 0, was " + tokens);
      }
    }
  }

  /** A connection that stalls mid-stream, for exercising heartbeat and read timeouts. */
  record HangAfter(int tokens, Duration silence) implements SimulatorFault {
    public HangAfter {
      if (tokens < 0) {
        throw new IllegalArgumentException("tokens must be >= 0, was " + tokens);
      }
      Objects.requireNonNull(silence, "silence");
      if (silence.isNegative()) {
        throw new IllegalArgumentException("silence must not be negative, was " + silence);
      }
    }
  }
}
