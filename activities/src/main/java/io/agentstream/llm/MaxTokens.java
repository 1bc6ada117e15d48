package io.agentstream.llm;

import java.util.Map;

/**
 * The {@code max_tokens} of model calls: a default for every call, and limits of their own for some
 * steps (by step id), so a step that writes a long itinerary may write more than one that writes a
 * sentence. Every call of a step is limited, so no call can use more than this however the model
 * behaves.
 *
 * @param defaultLimit the limit of calls whose step has none of its own; null or not positive: none
 *     is sent (the model's own limit applies)
 * @param perStep limits by step id
 * @param parameter the request field that carries the limit ({@code max_tokens} or {@code
 *     max_completion_tokens}); {@link MaxTokensParameter#AUTO} or null is read as {@code
 *     max_tokens}: resolve it for the server first ({@link MaxTokensParameter#forServer})
 */
public record MaxTokens(
    Integer defaultLimit, Map<String, Integer> perStep, MaxTokensParameter parameter) {

  /** No limit is sent: the model's own applies. */
  public static final MaxTokens NONE = new MaxTokens(null, Map.of());

  public MaxTokens {
    perStep = perStep == null ? Map.of() : Map.copyOf(perStep);
    parameter =
        parameter == null || parameter == MaxTokensParameter.AUTO
            ? MaxTokensParameter.MAX_TOKENS
            : parameter;
  }

  /** Limits sent as {@code max_tokens}. */
  public MaxTokens(Integer defaultLimit, Map<String, Integer> perStep) {
    this(defaultLimit, perStep, MaxTokensParameter.MAX_TOKENS);
  }

  /** The limit of a call of {@code stepId} (null: a call outside any step), or null for none. */
  public Integer forStep(String stepId) {
    Integer limit = stepId == null ? null : perStep.get(stepId);
    if (limit == null) {
      limit = defaultLimit;
    }
    return limit == null || limit <= 0 ? null : limit;
  }
}
