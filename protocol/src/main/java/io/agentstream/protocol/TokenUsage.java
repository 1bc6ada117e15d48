package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Tokens a model reported as used ({@code usage.prompt_tokens} and {@code usage.completion_tokens}
 * in OpenAI's protocol): of one call, one step (every attempt, since a failed attempt was billed
 * too) or a whole run.
 *
 * @param inputTokens tokens of the prompts sent
 * @param outputTokens tokens the model generated
 */
public record TokenUsage(long inputTokens, long outputTokens) {

  /** No tokens: a step that made no model call, or none that reported usage. */
  public static final TokenUsage NONE = new TokenUsage(0, 0);

  public TokenUsage {
    if (inputTokens < 0 || outputTokens < 0) {
      throw new IllegalArgumentException(
          "token counts must not be negative: " + inputTokens + ", " + outputTokens);
    }
  }

  /** {@code usage}, or {@link #NONE} for null (JSON from before usage was recorded). */
  public static TokenUsage orNone(TokenUsage usage) {
    return usage == null ? NONE : usage;
  }

  /** Both counts added; {@code other} may be null. */
  public TokenUsage plus(TokenUsage other) {
    if (other == null || other.isNone()) {
      return this;
    }
    return new TokenUsage(inputTokens + other.inputTokens, outputTokens + other.outputTokens);
  }

  /** Input and output together, what a token budget counts. */
  @JsonIgnore
  public long totalTokens() {
    return inputTokens + outputTokens;
  }

  @JsonIgnore
  public boolean isNone() {
    return inputTokens == 0 && outputTokens == 0;
  }
}
