package io.agentstream.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.llm.simulator.SimulatorSettings;
import io.agentstream.protocol.TokenUsage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Through the real langchain4j client against the simulated model: a call the step stops before the
 * model reports its usage counts the deltas streamed as output and an estimate of its prompt as
 * input (the provider read it), close to what the model reports for the same prompt.
 */
class StoppedCallUsageTest {

  private static final Prompt PLAN =
      new Prompt(
          "plan",
          "Write a day-by-day itinerary with one line per activity and a short reason for each.",
          "Plan a 3-day trip to Oahu for two adults who like hiking, snorkelling and local food.");

  private OpenAiSimulator simulator;
  private ModelStream model;

  @BeforeEach
  void setUp() {
    simulator = OpenAiSimulator.start(new SimulatorSettings(2, 400));
    model =
        new ModelStream(
            OpenAiStreamingChatModel.builder()
                .baseUrl(simulator.baseUrl())
                .apiKey("sim")
                .modelName("agentstream-simulator")
                .build(),
            new SimpleMeterRegistry(),
            MaxTokens.NONE);
  }

  @AfterEach
  void tearDown() {
    simulator.close();
  }

  private TokenUsage stream(int stopAfter) {
    AtomicReference<TokenUsage> used = new AtomicReference<>(TokenUsage.NONE);
    AtomicInteger tokens = new AtomicInteger();
    try (StepModelCalls calls = StepModelCalls.bind("plan", u -> used.set(used.get().plus(u)))) {
      model.stream(PLAN, "", token -> tokens.incrementAndGet(), () -> tokens.get() >= stopAfter);
    }
    return used.get();
  }

  @Test
  void aStoppedCallCountsItsStreamedDeltasAndAnEstimateOfItsPrompt() {
    TokenUsage reported = stream(Integer.MAX_VALUE);
    TokenUsage stopped = stream(5);

    assertThat(reported.inputTokens()).isPositive();
    assertThat(stopped.outputTokens()).isEqualTo(5);
    assertThat(stopped.inputTokens())
        .as("estimated prompt tokens, against the %d the model reported", reported.inputTokens())
        .isBetween(reported.inputTokens() / 2, reported.inputTokens() * 2);
  }
}
