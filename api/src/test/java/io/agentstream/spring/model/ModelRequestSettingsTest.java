package io.agentstream.spring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agentstream.llm.ModelStream;
import io.agentstream.llm.Prompt;
import io.agentstream.llm.StepModelCalls;
import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.llm.simulator.SimulatedReasoning;
import io.agentstream.llm.simulator.SimulatorSettings;
import io.agentstream.spring.config.AgentstreamProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.NestedExceptionUtils;

/**
 * {@code agentstream.model.reasoning-effort} and {@code agentstream.model.extra-body} reach the
 * model with every call: through the client the starter builds from the bound settings, with its
 * step limits, against the simulated model, which reasons less when asked to and refuses an effort
 * it does not know, as OpenAI's reasoning models do.
 */
class ModelRequestSettingsTest {

  private static final Prompt QUESTION =
      new Prompt("answer", "Answer briefly.", "Why is the sea salty?");

  private OpenAiSimulator simulator;

  @BeforeEach
  void setUp() {
    simulator = OpenAiSimulator.start(new SimulatorSettings(0, 0));
  }

  @AfterEach
  void tearDown() {
    simulator.close();
  }

  private record Answer(String text, int thinking) {}

  /** Asks the question with a client built from {@code settings} (beside the simulator's URL). */
  private Answer ask(Map<String, String> settings) {
    AgentstreamProperties props = bind(settings);
    ModelStream model =
        new ModelStream(
            ModelConfiguration.client(props.model()).build(),
            new SimpleMeterRegistry(),
            ModelConfiguration.maxTokens(props));
    AtomicInteger thinking = new AtomicInteger();
    try (StepModelCalls calls =
        StepModelCalls.bind(
            "answer", u -> {}, () -> Long.MAX_VALUE, () -> {}, thinking::incrementAndGet)) {
      String text = model.stream(QUESTION, "", t -> {}, () -> false);
      return new Answer(text, thinking.get());
    }
  }

  private AgentstreamProperties bind(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(settings);
    all.put("agentstream.model.base-url", simulator.baseUrl());
    all.put("agentstream.model.api-key", "sim");
    return new Binder(new MapConfigurationPropertySource(all))
        .bindOrCreate("agentstream", AgentstreamProperties.class);
  }

  /** Why binding {@code extraBody} as {@code agentstream.model.extra-body} fails the start. */
  private String whyRefused(String extraBody) {
    Throwable failure =
        catchThrowable(() -> bind(Map.of("agentstream.model.extra-body", extraBody)));
    assertThat(failure).as(extraBody).isInstanceOf(BindException.class);
    return NestedExceptionUtils.getMostSpecificCause(failure).getMessage();
  }

  @ParameterizedTest
  @EnumSource(
      value = SimulatedReasoning.class,
      names = {"IN_CONTENT", "IN_REASONING_FIELD"})
  void aMinimalEffortGetsTheSameAnswerWithoutTheModelThinkingFirst(SimulatedReasoning where) {
    simulator.reason(where);

    Answer byDefault = ask(Map.of());
    Answer high = ask(Map.of("agentstream.model.reasoning-effort", "high"));
    Answer minimal = ask(Map.of("agentstream.model.reasoning-effort", "minimal"));

    assertThat(byDefault.thinking()).as("no effort sent: the model's own default").isPositive();
    assertThat(high.thinking()).isPositive();
    assertThat(minimal.thinking()).isZero();
    assertThat(minimal.text()).isNotBlank().isEqualTo(byDefault.text()).isEqualTo(high.text());
  }

  @Test
  void anEffortTheServerDoesNotKnowFailsTheStepAtOnceWithTheServersWords() {
    ApplicationFailure failure =
        catchThrowableOfType(
            () -> ask(Map.of("agentstream.model.reasoning-effort", "extreme")),
            ApplicationFailure.class);

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .startsWith("the model server refused the request")
        .contains("Invalid value: 'extreme'");
  }

  @Test
  void aBlankEffortIsNotSent() {
    Answer blank = ask(Map.of("agentstream.model.reasoning-effort", "  "));

    assertThat(blank.text()).isNotBlank();
  }

  @Test
  void anExtraBodyReachesTheServerWithItsTypesKept() {
    simulator.reason(SimulatedReasoning.IN_CONTENT);

    Answer off =
        ask(
            Map.of(
                "agentstream.model.extra-body",
                "{\"chat_template_kwargs\": {\"enable_thinking\": false}}"));
    // The string "false" is not the boolean vLLM reads: the model thinks as before.
    Answer stringly =
        ask(
            Map.of(
                "agentstream.model.extra-body",
                "{\"chat_template_kwargs\": {\"enable_thinking\": \"false\"}}"));

    assertThat(off.thinking()).isZero();
    assertThat(off.text()).isNotBlank();
    assertThat(stringly.thinking()).isPositive();
  }

  @Test
  void anExtraBodyThatIsNoJsonObjectOrSetsAgentstreamsOwnFieldsFailsTheStartNamingWhy() {
    assertThat(whyRefused("chat_template_kwargs=off"))
        .startsWith("agentstream.model.extra-body must be a JSON object");
    assertThat(whyRefused("[1, 2]"))
        .isEqualTo("agentstream.model.extra-body must be a JSON object ({...}), not [1, 2]");
    assertThat(whyRefused("{\"messages\": []}"))
        .isEqualTo(
            "agentstream.model.extra-body cannot set 'messages': agentstream writes that field"
                + " itself");
    assertThat(whyRefused("{\"max_tokens\": 10}"))
        .isEqualTo(
            "agentstream.model.extra-body cannot set 'max_tokens': agentstream writes that field"
                + " itself (set agentstream.model.max-tokens)");
  }
}
