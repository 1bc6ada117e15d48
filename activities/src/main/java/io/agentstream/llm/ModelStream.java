package io.agentstream.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.agentstream.metrics.AgentstreamMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one chat completion from the model to a consumer, blocking the calling activity thread
 * until the model finishes, fails, or the step is asked to stop (then the HTTP stream is closed
 * within the poll interval).
 *
 * <p>Measures each call: the time to the model's first token and the token usage the model reports
 * ({@link AgentstreamMeters#MODEL_TIME_TO_FIRST_TOKEN}, {@link AgentstreamMeters#MODEL_TOKENS}),
 * tagged with the configured model name.
 *
 * <p>Each call's token usage also goes to the step whose activity makes it ({@link
 * StepModelCalls}), and each call is sent with that step's {@code max_tokens} ({@link MaxTokens}).
 *
 * <p>Each call is an {@link AgentstreamMeters#MODEL_CALL} observation: with tracing on, a span
 * {@code chat <model>} under the step's activity span, carrying the token usage and why the model
 * stopped. The observation is current on the calling thread while the call runs, so log lines of
 * that wait carry its trace id.
 *
 * <p>A reply the model ended at its output limit ({@code finish_reason: length}) is never taken for
 * a finished one: a text reply is kept and its step cut short, a structured reply or a tool call
 * fails the step without a retry (see {@link #structured}).
 */
public final class ModelStream {

  private static final Logger log = LoggerFactory.getLogger(ModelStream.class);
  private static final Duration STOP_POLL = Duration.ofMillis(100);
  private static final ObjectMapper SCHEMA_JSON = new ObjectMapper();

  private final AtomicBoolean usageMissingLogged = new AtomicBoolean();

  private final StreamingChatModel model;
  private final String modelName;
  private final ObservationRegistry observations;
  private final Timer timeToFirstToken;
  private final Counter inputTokens;
  private final Counter outputTokens;
  private final MaxTokens maxTokens;
  private final StructuredOutput structuredOutput;

  /**
   * A model stream whose meters go nowhere but a private registry: for tests and tools that export
   * no metrics.
   */
  public ModelStream(StreamingChatModel model) {
    this(model, new SimpleMeterRegistry());
  }

  /**
   * A model stream whose calls are not observed.
   *
   * @param model the streaming client
   * @param meters where the model meters are registered
   */
  public ModelStream(StreamingChatModel model, MeterRegistry meters) {
    this(model, meters, ObservationRegistry.NOOP);
  }

  /**
   * @param model the streaming client
   * @param meters where the model meters are registered
   * @param observations where each call is observed ({@link ObservationRegistry#NOOP}: nowhere)
   */
  public ModelStream(
      StreamingChatModel model, MeterRegistry meters, ObservationRegistry observations) {
    this(model, meters, observations, MaxTokens.NONE);
  }

  /**
   * A model stream whose calls are not observed, with {@code max_tokens} by step.
   *
   * @param model the streaming client
   * @param meters where the model meters are registered
   * @param maxTokens the {@code max_tokens} of each call, by step
   */
  public ModelStream(StreamingChatModel model, MeterRegistry meters, MaxTokens maxTokens) {
    this(model, meters, ObservationRegistry.NOOP, maxTokens);
  }

  /**
   * @param model the streaming client
   * @param meters where the model meters are registered
   * @param observations where each call is observed ({@link ObservationRegistry#NOOP}: nowhere)
   * @param maxTokens the {@code max_tokens} of each call, by step
   */
  public ModelStream(
      StreamingChatModel model,
      MeterRegistry meters,
      ObservationRegistry observations,
      MaxTokens maxTokens) {
    this(model, meters, observations, maxTokens, StructuredOutput.STRICT_JSON_SCHEMA);
  }

  /**
   * @param model the streaming client (for {@link StructuredOutput#STRICT_JSON_SCHEMA}, built with
   *     {@code strictJsonSchema(true)})
   * @param meters where the model meters are registered
   * @param observations where each call is observed ({@link ObservationRegistry#NOOP}: nowhere)
   * @param maxTokens the {@code max_tokens} of each call, by step
   * @param structuredOutput how {@link #structured} asks for data
   */
  public ModelStream(
      StreamingChatModel model,
      MeterRegistry meters,
      ObservationRegistry observations,
      MaxTokens maxTokens,
      StructuredOutput structuredOutput) {
    this.model = model;
    this.structuredOutput = structuredOutput;
    this.observations = observations;
    this.maxTokens = maxTokens;
    String name = modelName(model);
    this.modelName = name;
    this.timeToFirstToken =
        Timer.builder(AgentstreamMeters.MODEL_TIME_TO_FIRST_TOKEN)
            .description("From a chat request to the model's first streamed token")
            .tag(AgentstreamMeters.TAG_MODEL, name)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(10))
            .maximumExpectedValue(Duration.ofSeconds(60))
            .register(meters);
    this.inputTokens = tokens(meters, name, AgentstreamMeters.TYPE_INPUT);
    this.outputTokens = tokens(meters, name, AgentstreamMeters.TYPE_OUTPUT);
  }

  private static Counter tokens(MeterRegistry meters, String model, String type) {
    return Counter.builder(AgentstreamMeters.MODEL_TOKENS)
        .description("Tokens the model reports as used")
        .tag(AgentstreamMeters.TAG_MODEL, model)
        .tag(AgentstreamMeters.TAG_TYPE, type)
        .register(meters);
  }

  private static String modelName(StreamingChatModel model) {
    try {
      String name = model.defaultRequestParameters().modelName();
      return name == null || name.isBlank() ? "unknown" : name;
    } catch (RuntimeException e) {
      // A model without default parameters (a test double).
      return "unknown";
    }
  }

  /**
   * @param prompt what to ask
   * @param partial text already written by an earlier attempt, to continue from (may be empty)
   * @param onToken receives each token as it arrives
   * @param stopRequested polled; when true the stream is closed and the call returns
   * @return what this call produced (without {@code partial})
   * @throws io.temporal.failure.ApplicationFailure mapped by {@link LlmFailures}
   */
  public String stream(
      Prompt prompt, String partial, Consumer<String> onToken, BooleanSupplier stopRequested) {
    StringBuffer produced = new StringBuffer();
    ChatRequest request = limited().messages(prompt.messages(partial)).build();
    ChatResponse response =
        chat(
            request,
            token -> {
              produced.append(token);
              onToken.accept(token);
            },
            call -> {},
            stopRequested);
    if (cutAtItsLimit(response)) {
      textCut(request);
    }
    return produced.toString();
  }

  /**
   * Asks for a reply that is JSON matching {@code schema} ({@code response_format: json_schema};
   * strict where the model was built with {@code strictJsonSchema}). The reply is not streamed as
   * text: it is data.
   *
   * <p>A reply that {@code max_tokens} cut off ({@code finish_reason: length}) is half a JSON
   * object, and a retry with the same limit would stop at the same place: it fails the step at once
   * ({@link LlmFailures#REPLY_CUT_AT_MAX_TOKENS}, not retried), naming the limit to raise. When the
   * run's token budget set that limit, the step has used its budget and stops: what had arrived is
   * returned, as when finish-now stops it.
   *
   * @return the reply's JSON text, or what had arrived when the step was stopped
   */
  public String structured(Prompt prompt, JsonSchema schema, BooleanSupplier stopRequested) {
    return structured(prompt, schema, token -> {}, stopRequested);
  }

  /**
   * Like {@link #structured(Prompt, JsonSchema, BooleanSupplier)}, handing each piece of the JSON
   * to {@code onToken} as it arrives, for a step that shows parts of a structured reply the moment
   * they are complete (the deep-research plan streams each sub-question this way).
   */
  public String structured(
      Prompt prompt, JsonSchema schema, Consumer<String> onToken, BooleanSupplier stopRequested) {
    StringBuffer produced = new StringBuffer();
    ChatRequest request =
        structuredOutput == StructuredOutput.JSON_OBJECT
            ? limited()
                .messages(withSchema(prompt.messages(""), schema))
                .responseFormat(ResponseFormat.JSON)
                .build()
            : limited()
                .messages(prompt.messages(""))
                .responseFormat(
                    ResponseFormat.builder()
                        .type(ResponseFormatType.JSON)
                        .jsonSchema(schema)
                        .build())
                .build();
    ChatResponse response =
        chat(
            request,
            token -> {
              produced.append(token);
              onToken.accept(token);
            },
            call -> {},
            stopRequested);
    if (cutAtItsLimit(response) && !StepModelCalls.budgetSet(maxTokens, limitOf(request))) {
      throw LlmFailures.cutAtMaxTokens("its JSON", limitOf(request), StepModelCalls.currentStep());
    }
    return produced.toString();
  }

  /**
   * The messages with the schema added to the system message, for a server that only guarantees
   * some JSON ({@link StructuredOutput#JSON_OBJECT}). The schema is written as langchain4j maps it
   * for {@code json_schema}, so the model reads the same schema either way.
   */
  private static List<ChatMessage> withSchema(List<ChatMessage> messages, JsonSchema schema) {
    String schemaJson;
    try {
      schemaJson =
          SCHEMA_JSON.writeValueAsString(JsonSchemaElementUtils.toMap(schema.rootElement()));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the schema cannot be written as JSON", e);
    }
    List<ChatMessage> amended = new ArrayList<>(messages);
    SystemMessage system = (SystemMessage) amended.get(0);
    amended.set(
        0,
        SystemMessage.from(
            system.text()
                + "\n\nReply with one JSON object and nothing else. It must match this JSON"
                + " schema:\n"
                + schemaJson));
    return amended;
  }

  /**
   * One model turn with tools offered: the model's text streams to {@code onToken}, each piece of a
   * tool call it makes to {@code onToolCall} as it arrives (OpenAI streams a call's arguments in
   * pieces), and the calls it made are returned once the turn ends.
   *
   * @param messages the conversation so far
   *     <p>A turn that {@code max_tokens} cut off while the model was writing a tool call fails the
   *     step at once, as a cut structured reply does ({@link #structured}): the call's arguments
   *     are incomplete. A text answer it cut off is kept, and the step is cut short. When the run's
   *     token budget set the limit, no call of the cut turn is returned: the step has stopped.
   * @return the tool calls of this turn (none when the model answered in text, or when the step was
   *     stopped) and the reasoning that came with them, to send back with the calls ({@link
   *     ModelTurn#message()})
   */
  public ModelTurn toolTurn(
      List<ChatMessage> messages,
      List<ToolSpecification> tools,
      Consumer<String> onToken,
      Consumer<PartialToolCall> onToolCall,
      BooleanSupplier stopRequested) {
    ChatRequest request = limited().messages(messages).toolSpecifications(tools).build();
    ChatResponse response = chat(request, onToken, onToolCall, stopRequested);
    if (response == null) {
      return ModelTurn.NO_CALLS;
    }
    boolean calls = response.aiMessage().hasToolExecutionRequests();
    if (cutAtItsLimit(response)) {
      if (StepModelCalls.budgetSet(maxTokens, limitOf(request))) {
        return ModelTurn.NO_CALLS;
      }
      if (calls) {
        throw LlmFailures.cutAtMaxTokens(
            "a tool call", limitOf(request), StepModelCalls.currentStep());
      }
      textCut(request);
    }
    return calls
        ? new ModelTurn(
            response.aiMessage().toolExecutionRequests(), response.aiMessage().thinking())
        : ModelTurn.NO_CALLS;
  }

  /** True when the model stopped because it reached its output limit ({@code length}). */
  private static boolean cutAtItsLimit(ChatResponse response) {
    return response != null && response.finishReason() == FinishReason.LENGTH;
  }

  /**
   * A text reply the step's {@code max_tokens} cut off: the step keeps it and is cut short, and the
   * operator is told which limit cut it (the budget's own cut is logged by the step).
   */
  private void textCut(ChatRequest request) {
    if (StepModelCalls.budgetSet(maxTokens, limitOf(request))) {
      return;
    }
    StepModelCalls.replyCut();
    log.warn(
        "step {}: the model's reply reached max_tokens ({}) and was cut off there; the step is cut"
            + " short (raise agentstream.model.step-max-tokens.{} for a longer reply)",
        StepModelCalls.currentStep(),
        limitOf(request) == null ? "the model's own" : limitOf(request),
        StepModelCalls.currentStep());
  }

  /**
   * A request with the {@code max_tokens} of the step this thread works for, lowered to what the
   * run's token budget leaves the step.
   */
  private ChatRequest.Builder limited() {
    Integer limit = StepModelCalls.maxTokens(maxTokens);
    if (limit != null && maxTokens.parameter() == MaxTokensParameter.MAX_COMPLETION_TOKENS) {
      return ChatRequest.builder()
          .parameters(OpenAiChatRequestParameters.builder().maxCompletionTokens(limit).build());
    }
    return ChatRequest.builder().maxOutputTokens(limit);
  }

  /** The output limit a request was sent with, in whichever field carried it; null for none. */
  private static Integer limitOf(ChatRequest request) {
    if (request.maxOutputTokens() != null) {
      return request.maxOutputTokens();
    }
    return request.parameters() instanceof OpenAiChatRequestParameters openAi
        ? openAi.maxCompletionTokens()
        : null;
  }

  /**
   * Runs one streamed request; the final response, or null when the step was stopped first. The
   * response's usage goes to the step bound to the calling thread (the activity's), here rather
   * than in the callback, which runs on the client's thread.
   */
  private ChatResponse chat(
      ChatRequest request,
      Consumer<String> onToken,
      Consumer<PartialToolCall> onToolCall,
      BooleanSupplier stopRequested) {
    Observation call =
        Observation.createNotStarted(AgentstreamMeters.MODEL_CALL, observations)
            .contextualName("chat " + modelName)
            .lowCardinalityKeyValue("gen_ai.operation.name", "chat")
            .lowCardinalityKeyValue("gen_ai.request.model", modelName)
            .start();
    try (Observation.Scope ignored = call.openScope()) {
      ChatResponse response = streamChat(request, onToken, onToolCall, stopRequested);
      if (response == null) {
        call.highCardinalityKeyValue("agentstream.stopped", "true");
      } else {
        describe(call, response);
      }
      return response;
    } catch (RuntimeException e) {
      call.error(e);
      throw e;
    } finally {
      call.stop();
    }
  }

  /** What the model reported, on the span only (these vary per call, so they tag no meter). */
  private static void describe(Observation call, ChatResponse response) {
    if (response.finishReason() != null) {
      call.highCardinalityKeyValue(
          "gen_ai.response.finish_reasons",
          response.finishReason().name().toLowerCase(Locale.ROOT));
    }
    TokenUsage usage = response.tokenUsage();
    if (usage != null && usage.inputTokenCount() != null) {
      call.highCardinalityKeyValue(
          "gen_ai.usage.input_tokens", Integer.toString(usage.inputTokenCount()));
    }
    if (usage != null && usage.outputTokenCount() != null) {
      call.highCardinalityKeyValue(
          "gen_ai.usage.output_tokens", Integer.toString(usage.outputTokenCount()));
    }
  }

  private ChatResponse streamChat(
      ChatRequest request,
      Consumer<String> onToken,
      Consumer<PartialToolCall> onToolCall,
      BooleanSupplier stopRequested) {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    AtomicReference<StreamingHandle> handle = new AtomicReference<>();
    AtomicBoolean firstToken = new AtomicBoolean(true);
    AtomicLong streamed = new AtomicLong();
    long requested = System.nanoTime();
    ThinkBlockFilter answer =
        new ThinkBlockFilter(StepModelCalls.thinkingNotice(), StepModelCalls.reasoningSink());
    Runnable arrived =
        () -> {
          if (firstToken.compareAndSet(true, false)) {
            timeToFirstToken.record(System.nanoTime() - requested, TimeUnit.NANOSECONDS);
          }
        };
    model.chat(
        request,
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(PartialResponse response, PartialResponseContext context) {
            handle.set(context.streamingHandle());
            if (stopRequested.getAsBoolean()) {
              context.streamingHandle().cancel();
              done.complete(null);
              return;
            }
            arrived.run();
            streamed.incrementAndGet();
            String visible = answer.accept(response.text());
            if (!visible.isEmpty()) {
              onToken.accept(visible);
            }
          }

          @Override
          public void onPartialThinking(PartialThinking thinking, PartialThinkingContext context) {
            handle.set(context.streamingHandle());
            if (stopRequested.getAsBoolean()) {
              context.streamingHandle().cancel();
              done.complete(null);
              return;
            }
            // Generated and billed, though not the answer: counted for a stopped call's estimate.
            streamed.incrementAndGet();
            answer.reasoning(thinking.text());
          }

          @Override
          public void onPartialToolCall(PartialToolCall call, PartialToolCallContext context) {
            handle.set(context.streamingHandle());
            if (stopRequested.getAsBoolean()) {
              context.streamingHandle().cancel();
              done.complete(null);
              return;
            }
            arrived.run();
            streamed.incrementAndGet();
            onToolCall.accept(call);
          }

          @Override
          public void onCompleteResponse(ChatResponse response) {
            String rest = answer.finish();
            if (!rest.isEmpty()) {
              onToken.accept(rest);
            }
            if (response.finishReason() == null && response.tokenUsage() == null) {
              // langchain4j reports a broken stream as an error and then as a completion of the
              // partial text; a completion without finish reason or usage is that second call.
              done.completeExceptionally(
                  new LangChain4jException("stream ended before the model finished"));
              return;
            }
            countUsage(response.tokenUsage());
            done.complete(response);
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }
        });
    while (true) {
      try {
        ChatResponse response = done.get(STOP_POLL.toMillis(), TimeUnit.MILLISECONDS);
        StepModelCalls.report(
            response == null
                ? stoppedEarly(request, streamed.get())
                : response.tokenUsage() == null
                    ? unreported(request, streamed.get())
                    : usageOf(response.tokenUsage()));
        return response;
      } catch (TimeoutException e) {
        if (stopRequested.getAsBoolean()) {
          StreamingHandle h = handle.get();
          if (h != null) {
            h.cancel();
          }
          StepModelCalls.report(stoppedEarly(request, streamed.get()));
          return null;
        }
      } catch (ExecutionException e) {
        throw LlmFailures.toFailure(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw LlmFailures.toFailure(e);
      }
    }
  }

  /**
   * A call the step stopped (finish-now, the token budget) before the model reported its usage: the
   * tokens streamed by then, one per delta, were generated and billed, and so was the prompt, whose
   * size is estimated ({@link PromptTokens}).
   */
  private static io.agentstream.protocol.TokenUsage stoppedEarly(ChatRequest request, long deltas) {
    return new io.agentstream.protocol.TokenUsage(PromptTokens.estimate(request), deltas);
  }

  /**
   * A call that finished without reporting its usage: some OpenAI-compatible servers ignore {@code
   * stream_options.include_usage}. Counting nothing would let a run pass its token budget unseen,
   * so the call counts the same estimate as a stopped one, and the operator is told once.
   */
  private io.agentstream.protocol.TokenUsage unreported(ChatRequest request, long deltas) {
    if (usageMissingLogged.compareAndSet(false, true)) {
      log.warn(
          "model {} finished a call without reporting its token usage (the server ignores"
              + " stream_options.include_usage); counting an estimate: the prompt at about 4"
              + " characters a token, one token per streamed piece",
          modelName);
    }
    return stoppedEarly(request, deltas);
  }

  private static io.agentstream.protocol.TokenUsage usageOf(TokenUsage usage) {
    if (usage == null) {
      return io.agentstream.protocol.TokenUsage.NONE;
    }
    return new io.agentstream.protocol.TokenUsage(
        usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
        usage.outputTokenCount() == null ? 0 : usage.outputTokenCount());
  }

  private void countUsage(TokenUsage usage) {
    if (usage == null) {
      return;
    }
    if (usage.inputTokenCount() != null) {
      inputTokens.increment(usage.inputTokenCount());
    }
    if (usage.outputTokenCount() != null) {
      outputTokens.increment(usage.outputTokenCount());
    }
  }
}
