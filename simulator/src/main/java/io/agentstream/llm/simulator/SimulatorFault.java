package io.agentstream.llm.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure the simulated model can be told to produce, so that retry, resume and error-reporting
 * paths of the project can be tested against the real OpenAI client instead of mocks.
 */
public sealed interface SimulatorFault
    permits SimulatorFault.HttpError,
        SimulatorFault.CutAfter,
        SimulatorFault.HangAfter,
        SimulatorFault.NoUsage,
        SimulatorFault.ExtraToolCall {

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
   * Answers in full but sends no usage chunk even when the client asks for one ({@code
   * stream_options.include_usage}), as some OpenAI-compatible servers do.
   */
  NoUsage WITHOUT_USAGE = new NoUsage();

  /**
   * Adds a call to the next round of tool calls, as a small model does: a tool the client did not
   * offer, or arguments that are not JSON. A request that gets no tool calls uses it up unchanged.
   */
  static ExtraToolCall extraToolCall(String name, String arguments) {
    return new ExtraToolCall(name, arguments, false);
  }

  /** Like {@link #extraToolCall}, but the next round of tool calls is this call alone. */
  static ExtraToolCall onlyToolCall(String name, String arguments) {
    return new ExtraToolCall(name, arguments, true);
  }

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

  /** A whole reply without its token usage. */
  record NoUsage() implements SimulatorFault {}

  /**
   * A call added to a round of tool calls: its tool name and its arguments, as sent.
   *
   * @param alone true when it replaces the round's calls
   */
  record ExtraToolCall(String name, String arguments, boolean alone) implements SimulatorFault {
    public ExtraToolCall {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(arguments, "arguments");
    }
  }
}
