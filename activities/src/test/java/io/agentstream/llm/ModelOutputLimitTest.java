package io.agentstream.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.llm.simulator.SimulatorFault;
import io.agentstream.llm.simulator.SimulatorSettings;
import io.agentstream.protocol.TokenUsage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Through the real langchain4j client against the simulated model: a reply the model ended at its
 * output limit ({@code finish_reason: length}) is never taken for a finished one, and a call whose
 * server reports no usage still counts its tokens, so a real server's quirks do not turn into
 * half-parsed data, silent truncation or a token budget that never trips.
 */
class ModelOutputLimitTest {

  private static final int LIMIT = 5;
  private static final JsonSchema QUESTIONS =
      JsonSchema.builder()
          .name("questions")
          .rootElement(
              JsonObjectSchema.builder()
                  .addStringProperty("first")
                  .addStringProperty("second")
                  .required("first", "second")
                  .build())
          .build();
  private static final ToolSpecification SEARCH_PLACES =
      ToolSpecification.builder()
          .name("search_places")
          .parameters(
              JsonObjectSchema.builder()
                  .addStringProperty("destination")
                  .addStringProperty("category")
                  .addStringProperty("preferences")
                  .required("destination", "category", "preferences")
                  .build())
          .build();

  OpenAiSimulator simulator;
  private ModelStream model;
  private final AtomicReference<TokenUsage> used = new AtomicReference<>(TokenUsage.NONE);
  private final AtomicInteger repliesCut = new AtomicInteger();

  @BeforeEach
  void setUp() {
    simulator = OpenAiSimulator.start(new SimulatorSettings(0, 0));
    model = modelSending(parameter());
  }

  /** The request field of the limit these tests send. */
  MaxTokensParameter parameter() {
    return MaxTokensParameter.MAX_TOKENS;
  }

  ModelStream modelSending(MaxTokensParameter parameter) {
    return new ModelStream(
        OpenAiStreamingChatModel.builder()
            .baseUrl(simulator.baseUrl())
            .apiKey("sim")
            .modelName("agentstream-simulator")
            .build(),
        new SimpleMeterRegistry(),
        new MaxTokens(
            4000, Map.of("clarify", LIMIT, "answer", LIMIT, "research", LIMIT), parameter));
  }

  @AfterEach
  void tearDown() {
    simulator.close();
  }

  /** Runs {@code call} as a model call of {@code stepId}, with {@code tokensLeft} in its budget. */
  <T> T inStep(String stepId, long tokensLeft, Supplier<T> call) {
    try (StepModelCalls calls =
        StepModelCalls.bind(
            stepId,
            u -> used.set(used.get().plus(u)),
            () -> tokensLeft,
            repliesCut::incrementAndGet)) {
      return call.get();
    }
  }

  static Prompt question(String task) {
    return new Prompt(task, "Answer briefly.", "How do I get around Oahu without a car?");
  }

  private List<ChatMessage> researchRome() {
    return List.of(
        SystemMessage.from("Task: research\nFind places."),
        UserMessage.from("Plan a 4-day trip to Rome for two"));
  }

  @Test
  void aStructuredReplyCutAtMaxTokensFailsTheStepWithoutARetryNamingTheLimit() {
    ApplicationFailure failure =
        catchThrowableOfType(
            () ->
                inStep(
                    "clarify",
                    Long.MAX_VALUE,
                    () -> model.structured(question("clarify"), QUESTIONS, () -> false)),
            ApplicationFailure.class);

    assertThat(failure).isNotNull();
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo(LlmFailures.REPLY_CUT_AT_MAX_TOKENS);
    assertThat(failure.getOriginalMessage())
        .contains("max_tokens (" + LIMIT + ")")
        .contains("agentstream.model.step-max-tokens.clarify");
    // The tokens were billed all the same.
    assertThat(used.get().outputTokens()).isEqualTo(LIMIT);
  }

  @Test
  void aStructuredReplyCutWhereTheBudgetSetTheLimitIsHandedBackForTheStoppedStep() {
    String reply =
        inStep("clarify", 3, () -> model.structured(question("clarify"), QUESTIONS, () -> false));

    assertThat(reply).startsWith("{").doesNotEndWith("}");
    assertThat(used.get().outputTokens()).isEqualTo(3);
  }

  @Test
  void aTextReplyCutAtMaxTokensIsKeptAndTheStepToldItIsCutShort() {
    StringBuilder streamed = new StringBuilder();
    String text =
        inStep(
            "answer",
            Long.MAX_VALUE,
            () -> model.stream(question("answer"), "", streamed::append, () -> false));

    assertThat(text).isEqualTo(streamed.toString()).isNotEmpty();
    assertThat(simulator.stats().snapshot().tokensEmitted("answer")).isEqualTo(LIMIT);
    assertThat(repliesCut).hasValue(1);
  }

  @Test
  void aTextReplyTheBudgetCutIsNotReportedAsCutByMaxTokens() {
    inStep("answer", 2, () -> model.stream(question("answer"), "", t -> {}, () -> false));

    assertThat(simulator.stats().snapshot().tokensEmitted("answer")).isEqualTo(2);
    assertThat(repliesCut).hasValue(0);
  }

  @Test
  void aWholeTextReplyIsNotCut() {
    inStep(
        "plan", Long.MAX_VALUE, () -> model.stream(question("answer"), "", t -> {}, () -> false));

    assertThat(repliesCut).hasValue(0);
  }

  @Test
  void aToolTurnCutWhileTheModelWritesACallFailsTheStepWithoutARetry() {
    ApplicationFailure failure =
        catchThrowableOfType(
            () ->
                inStep(
                    "research",
                    Long.MAX_VALUE,
                    () ->
                        model.toolTurn(
                            researchRome(), List.of(SEARCH_PLACES), t -> {}, c -> {}, () -> false)),
            ApplicationFailure.class);

    assertThat(failure).isNotNull();
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo(LlmFailures.REPLY_CUT_AT_MAX_TOKENS);
    assertThat(failure.getOriginalMessage()).contains("a tool call");
  }

  @Test
  void aToolTurnTheBudgetCutRunsNoneOfItsCalls() {
    ModelTurn turn =
        inStep(
            "research",
            2,
            () ->
                model.toolTurn(
                    researchRome(), List.of(SEARCH_PLACES), t -> {}, c -> {}, () -> false));

    assertThat(turn.calls()).isEmpty();
  }

  @Test
  void aCallWhoseServerReportsNoUsageCountsAnEstimate() {
    simulator.faults().inject("answer", SimulatorFault.WITHOUT_USAGE, 1);
    AtomicInteger pieces = new AtomicInteger();

    inStep(
        "plan",
        Long.MAX_VALUE,
        () -> model.stream(question("answer"), "", t -> pieces.incrementAndGet(), () -> false));

    assertThat(simulator.stats().snapshot().totalCompletionTokens())
        .as("the server reported nothing")
        .isZero();
    assertThat(used.get().outputTokens()).isEqualTo(pieces.get()).isPositive();
    assertThat(used.get().inputTokens()).isPositive();
  }
}
