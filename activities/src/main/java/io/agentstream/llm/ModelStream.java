package io.agentstream.llm;

import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.TokenUsage;
import io.agentstream.metrics.AgentstreamMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Streams one chat completion from the model to a consumer, blocking the calling activity thread
 * until the model finishes, fails, or the step is asked to stop (then the HTTP stream is closed
 * within the poll interval).
 *
 * <p>Measures each call: the time to the model's first token and the token usage the model reports
 * ({@link AgentstreamMeters#MODEL_TIME_TO_FIRST_TOKEN}, {@link AgentstreamMeters#MODEL_TOKENS}),
 * tagged with the configured model name.
 */
public final class ModelStream {

  private static final Duration STOP_POLL = Duration.ofMillis(100);

  private final StreamingChatModel model;
  private final Timer timeToFirstToken;
  private final Counter inputTokens;
  private final Counter outputTokens;

  /**
   * A model stream whose meters go nowhere but a private registry: for tests and tools that export
   * no metrics.
   */
  public ModelStream(StreamingChatModel model) {
    this(model, new SimpleMeterRegistry());
  }

  /**
   * @param model the streaming client
   * @param meters where the model meters are registered
   */
  public ModelStream(StreamingChatModel model, MeterRegistry meters) {
    this.model = model;
    String name = modelName(model);
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
    CompletableFuture<Void> done = new CompletableFuture<>();
    AtomicReference<StreamingHandle> handle = new AtomicReference<>();
    AtomicBoolean firstToken = new AtomicBoolean(true);
    ChatRequest request = ChatRequest.builder().messages(prompt.messages(partial)).build();
    long requested = System.nanoTime();
    model.chat(
        request,
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(PartialResponse response, PartialResponseContext context) {
            handle.set(context.streamingHandle());
            if (firstToken.compareAndSet(true, false)) {
              timeToFirstToken.record(System.nanoTime() - requested, TimeUnit.NANOSECONDS);
            }
            if (stopRequested.getAsBoolean()) {
              context.streamingHandle().cancel();
              done.complete(null);
              return;
            }
            produced.append(response.text());
            onToken.accept(response.text());
          }

          @Override
          public void onCompleteResponse(ChatResponse response) {
            if (response.finishReason() == null && response.tokenUsage() == null) {
              // langchain4j reports a broken stream as an error and then as a completion of the
              // partial text; a completion without finish reason or usage is that second call.
              done.completeExceptionally(
                  new LangChain4jException("stream ended before the model finished"));
              return;
            }
            countUsage(response.tokenUsage());
            done.complete(null);
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }
        });
    while (true) {
      try {
        done.get(STOP_POLL.toMillis(), TimeUnit.MILLISECONDS);
        return produced.toString();
      } catch (TimeoutException e) {
        if (stopRequested.getAsBoolean()) {
          StreamingHandle h = handle.get();
          if (h != null) {
            h.cancel();
          }
          return produced.toString();
        }
      } catch (ExecutionException e) {
        throw LlmFailures.toFailure(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw LlmFailures.toFailure(e);
      }
    }
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
