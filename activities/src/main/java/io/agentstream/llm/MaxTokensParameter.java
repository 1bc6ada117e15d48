package io.agentstream.llm;

import java.net.URI;
import java.util.Locale;

/**
 * Which request field carries a call's output limit ({@link MaxTokens}). OpenAI deprecated {@code
 * max_tokens} for {@code max_completion_tokens}, and its reasoning models (the o-series, GPT-5)
 * answer a request with {@code max_tokens} with HTTP 400; most other OpenAI-compatible servers
 * (DeepSeek, Ollama, older vLLM and llama.cpp builds) know only {@code max_tokens}.
 */
public enum MaxTokensParameter {
  /**
   * {@code max_completion_tokens} for OpenAI's own API ({@code api.openai.com}) and Azure OpenAI
   * ({@code *.openai.azure.com}), which take it for every model; {@code max_tokens} for any other
   * server. The default.
   */
  AUTO,

  /** {@code max_tokens}: what every OpenAI-compatible server reads. */
  MAX_TOKENS,

  /** {@code max_completion_tokens}: what OpenAI's reasoning models require. */
  MAX_COMPLETION_TOKENS;

  /** The field to send to the server at {@code baseUrl}: never {@link #AUTO}. */
  public MaxTokensParameter forServer(String baseUrl) {
    if (this != AUTO) {
      return this;
    }
    return isOpenAi(baseUrl) ? MAX_COMPLETION_TOKENS : MAX_TOKENS;
  }

  private static boolean isOpenAi(String baseUrl) {
    String host;
    try {
      host = baseUrl == null ? null : URI.create(baseUrl.trim()).getHost();
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (host == null) {
      return false;
    }
    host = host.toLowerCase(Locale.ROOT);
    return host.equals("api.openai.com") || host.endsWith(".openai.azure.com");
  }

  /** The field's name on the wire. */
  public String wireName() {
    return this == MAX_COMPLETION_TOKENS ? "max_completion_tokens" : "max_tokens";
  }
}
