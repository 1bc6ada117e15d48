package io.agentstream.llm;

import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Streams one chat completion from the model to a consumer, blocking the calling activity thread
 * until the model finishes, fails, or the step is asked to stop (then the HTTP stream is closed
 * within the poll interval).
 */
public final class ModelStream {

  private static final Duration STOP_POLL = Duration.ofMillis(100);

  private final StreamingChatModel model;

  public ModelStream(StreamingChatModel model) {
    this.model = model;
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
    ChatRequest request = ChatRequest.builder().messages(prompt.messages(partial)).build();
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
}
