package io.agentstream.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.llm.simulator.SimulatorFault;
import io.agentstream.llm.simulator.SimulatorSettings;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Through the real langchain4j client against the simulated model's faults: a failed model call
 * becomes a Temporal failure whose message says what went wrong in words, with the server's own
 * message, and no class name, since it reaches clients in {@code step.retrying} and {@code
 * step.failed}; and it is retryable only where a retry can help.
 */
class ModelFailureMessagesTest {

  private OpenAiSimulator simulator;
  private ModelStream model;

  @BeforeEach
  void setUp() {
    simulator = OpenAiSimulator.start(new SimulatorSettings(0, 0));
    model =
        new ModelStream(
            OpenAiStreamingChatModel.builder()
                .baseUrl(simulator.baseUrl())
                .apiKey("sim")
                .modelName("agentstream-simulator")
                .build());
  }

  @AfterEach
  void tearDown() {
    simulator.close();
  }

  private ApplicationFailure failureOf(SimulatorFault fault) {
    simulator.faults().inject("answer", fault, 1);
    ApplicationFailure failure =
        catchThrowableOfType(
            () ->
                model.stream(
                    new Prompt("answer", "Answer briefly.", "Is Hawaii expensive?"),
                    "",
                    t -> {},
                    () -> false),
            ApplicationFailure.class);
    assertThat(failure).isNotNull();
    assertThat(failure.getOriginalMessage()).doesNotContain("Exception");
    return failure;
  }

  @Test
  void aRateLimitSaysSoAndIsRetried() {
    ApplicationFailure failure = failureOf(SimulatorFault.RATE_LIMIT);

    assertThat(failure.getOriginalMessage())
        .startsWith("the model server is rate limiting requests: ")
        .contains("Rate limit reached (simulated)");
    assertThat(failure.isNonRetryable()).isFalse();
  }

  @Test
  void aRefusedApiKeySaysSoAndIsNotRetried() {
    ApplicationFailure failure = failureOf(SimulatorFault.UNAUTHORIZED);

    assertThat(failure.getOriginalMessage())
        .startsWith("the model server refused the API key: ")
        .contains("Incorrect API key provided (simulated)");
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void aServerErrorSaysSoAndIsRetried() {
    ApplicationFailure failure = failureOf(SimulatorFault.SERVER_ERROR);

    assertThat(failure.getOriginalMessage()).startsWith("the model server failed: ");
    assertThat(failure.isNonRetryable()).isFalse();
  }

  @Test
  void aStreamCutMidwayIsAFailedCallThatIsRetried() {
    ApplicationFailure failure = failureOf(SimulatorFault.cutAfter(3));

    assertThat(failure.getOriginalMessage()).startsWith("the model call failed");
    assertThat(failure.isNonRetryable()).isFalse();
  }
}
