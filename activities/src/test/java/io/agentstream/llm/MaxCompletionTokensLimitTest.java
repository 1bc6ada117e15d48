package io.agentstream.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every output-limit case of {@link ModelOutputLimitTest} with the limit sent as {@code
 * max_completion_tokens}, to a simulated server that, like OpenAI's reasoning models, refuses
 * {@code max_tokens}: the limit still cuts replies, and a cut is still told from the budget's.
 */
class MaxCompletionTokensLimitTest extends ModelOutputLimitTest {

  @BeforeEach
  void refuseMaxTokens() {
    simulator.refuseMaxTokens(true);
  }

  @Override
  MaxTokensParameter parameter() {
    return MaxTokensParameter.MAX_COMPLETION_TOKENS;
  }

  @Test
  void suchAServerRefusesACallLimitedByMaxTokens() {
    ModelStream sendingMaxTokens = modelSending(MaxTokensParameter.MAX_TOKENS);

    ApplicationFailure failure =
        catchThrowableOfType(
            () ->
                inStep(
                    "answer",
                    Long.MAX_VALUE,
                    () -> sendingMaxTokens.stream(question("answer"), "", t -> {}, () -> false)),
            ApplicationFailure.class);

    assertThat(failure).isNotNull();
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("Use 'max_completion_tokens' instead");
  }
}
