package io.agentstream.llm.simulator;

import java.util.concurrent.TimeUnit;

/**
 * Spaces tokens at a fixed rate. Each token has a due time measured from the first one, so time
 * spent writing does not accumulate as drift and a 20 tokens/s stream really takes about a second
 * per 20 tokens.
 */
final class TokenPacer {

  private final long nanosPerToken;
  private long startNanos = -1;

  /**
   * @param tokensPerSecond {@code <= 0} for no pacing at all
   */
  TokenPacer(double tokensPerSecond) {
    this.nanosPerToken =
        tokensPerSecond <= 0 ? 0 : Math.round(TimeUnit.SECONDS.toNanos(1) / tokensPerSecond);
  }

  /** Blocks until token number {@code index} (0-based) is due; the first token is due at once. */
  void awaitToken(int index) throws InterruptedException {
    if (nanosPerToken == 0) {
      return;
    }
    long now = System.nanoTime();
    if (startNanos < 0) {
      startNanos = now;
    }
    long wait = startNanos + index * nanosPerToken - now;
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }
}
