package io.agentstream.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaxTokensParameterTest {

  @ParameterizedTest
  @CsvSource({
    "https://api.openai.com/v1, max_completion_tokens",
    "https://API.OpenAI.com/v1/, max_completion_tokens",
    "https://my-resource.openai.azure.com/openai/deployments/gpt-5, max_completion_tokens",
    "https://api.deepseek.com, max_tokens",
    "http://localhost:11434/v1, max_tokens",
    "http://127.0.0.1:8000/v1, max_tokens",
    "https://api.openai.com.example.org/v1, max_tokens",
    "not a url, max_tokens",
  })
  void autoSendsMaxCompletionTokensToOpenAiAndMaxTokensToAnyOtherServer(
      String baseUrl, String field) {
    assertThat(MaxTokensParameter.AUTO.forServer(baseUrl).wireName()).isEqualTo(field);
  }

  @ParameterizedTest
  @CsvSource({"https://api.openai.com/v1", "http://localhost:11434/v1"})
  void aChosenFieldIsSentToEveryServer(String baseUrl) {
    assertThat(MaxTokensParameter.MAX_TOKENS.forServer(baseUrl))
        .isEqualTo(MaxTokensParameter.MAX_TOKENS);
    assertThat(MaxTokensParameter.MAX_COMPLETION_TOKENS.forServer(baseUrl))
        .isEqualTo(MaxTokensParameter.MAX_COMPLETION_TOKENS);
  }
}
