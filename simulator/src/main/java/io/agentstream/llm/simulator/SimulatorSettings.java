package io.agentstream.llm.simulator;

/**
 * How the simulated model is served.
 *
 * <p>The rate exists so that streaming is observable: at a few dozen tokens per second a human (or
 * a test) can watch text arrive piece by piece, interrupt it, and resume it, just like with a real
 * model.
 *
 * @param port TCP port on 127.0.0.1; {@code 0} picks a free ephemeral port
 * @param tokensPerSecond pacing of streamed tokens; {@code <= 0} streams as fast as possible
 */
public record SimulatorSettings(int port, double tokensPerSecond) {

  /** Comfortable reading speed, close to what a hosted model feels like. */
  public static final double DEFAULT_TOKENS_PER_SECOND = 40.0;

  public SimulatorSettings {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    if (Double.isNaN(tokensPerSecond) || Double.isInfinite(tokensPerSecond)) {
      throw new IllegalArgumentException(
          "tokensPerSecond must be a finite number, was " + tokensPerSecond);
    }
  }

  /** Ephemeral port, {@value #DEFAULT_TOKENS_PER_SECOND} tokens/s. */
  public static SimulatorSettings defaults() {
    return new SimulatorSettings(0, DEFAULT_TOKENS_PER_SECOND);
  }

  public SimulatorSettings withTokensPerSecond(double newRate) {
    return new SimulatorSettings(port, newRate);
  }

  /** Whether tokens are sent without any pause between them. */
  public boolean unthrottled() {
    return tokensPerSecond <= 0;
  }

  /** Human-readable rate for logs, e.g. {@code "40 tokens/s"}. */
  public String rateDescription() {
    if (unthrottled()) {
      return "unthrottled (as many tokens/s as possible)";
    }
    if (tokensPerSecond == Math.rint(tokensPerSecond)) {
      return (long) tokensPerSecond + " tokens/s";
    }
    return tokensPerSecond + " tokens/s";
  }
}
