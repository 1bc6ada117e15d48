package io.agentstream.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.llm.simulator.SimulatorSettings;
import io.agentstream.protocol.TokenUsage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Through the real langchain4j client against the simulated model: a call's {@code max_tokens} is
 * lowered to what its step's token budget leaves it, so one call cannot go far past the budget.
 */
class StepTokensLeftTest {

  private static final Prompt PLAN =
      new Prompt("plan", "Write a 3-day itinerary.", "Plan a 3-day trip to Oahu");

  private OpenAiSimulator simulator;
  private ModelStream model;

  @BeforeEach
  void setUp() {
    simulator = OpenAiSimulator.start(new SimulatorSettings(0, 400));
    model =
        new ModelStream(
            OpenAiStreamingChatModel.builder()
                .baseUrl(simulator.baseUrl())
                .apiKey("sim")
                .modelName("agentstream-simulator")
                .build(),
            new SimpleMeterRegistry(),
            new MaxTokens(4000, Map.of("plan", 30)));
  }

  @AfterEach
  void tearDown() {
    simulator.close();
  }

  private TokenUsage streamPlan(long tokensLeft) {
    AtomicReference<TokenUsage> used = new AtomicReference<>(TokenUsage.NONE);
    try (StepModelCalls calls =
        StepModelCalls.bind("plan", u -> used.set(used.get().plus(u)), () -> tokensLeft)) {
      model.stream(PLAN, "", token -> {}, () -> false);
    }
    return used.get();
  }

  @Test
  void aCallMayWriteNoMoreThanTheTokensItsStepHasLeft() {
    TokenUsage used = streamPlan(9);

    assertThat(used.outputTokens()).isEqualTo(9);
    assertThat(simulator.stats().snapshot().tokensEmitted("plan")).isEqualTo(9);
  }

  @Test
  void theStepsOwnLimitHoldsWhenItIsLowerThanWhatIsLeft() {
    TokenUsage used = streamPlan(1_000);

    assertThat(used.outputTokens()).isEqualTo(30);
  }

  @Test
  void aStepWithNothingLeftStillAsksForOneToken() {
    assertThat(StepModelCalls.maxTokens(new MaxTokens(4000, Map.of()))).isEqualTo(4000);
    try (StepModelCalls calls = StepModelCalls.bind("plan", u -> {}, () -> -5)) {
      assertThat(StepModelCalls.maxTokens(new MaxTokens(4000, Map.of()))).isEqualTo(1);
    }
  }
}
