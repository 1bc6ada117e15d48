package io.agentstream.llm.simulator;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * Records what a langchain4j streaming call delivers, and when, so tests can assert on timing and
 * outcome.
 */
final class StreamCollector implements StreamingChatResponseHandler {

  record Arrival(String token, long nanos) {}

  /** The terminal callbacks, in the order langchain4j invoked them. */
  enum Outcome {
    COMPLETE,
    ERROR
  }

  private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
  private final AtomicReference<ChatResponse> response = new AtomicReference<>();
  private final AtomicReference<Throwable> error = new AtomicReference<>();
  private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final BiConsumer<Integer, PartialResponseContext> onToken;

  StreamCollector() {
    this((count, context) -> {});
  }

  /**
   * @param onToken called after each token with the number received so far, e.g. to cancel the
   *     stream
   */
  StreamCollector(BiConsumer<Integer, PartialResponseContext> onToken) {
    this.onToken = onToken;
  }

  @Override
  public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
    arrivals.add(new Arrival(partialResponse.text(), System.nanoTime()));
    onToken.accept(arrivals.size(), context);
  }

  @Override
  public void onCompleteResponse(ChatResponse completeResponse) {
    outcomes.add(Outcome.COMPLETE);
    response.compareAndSet(null, completeResponse);
    finished.countDown();
  }

  @Override
  public void onError(Throwable throwable) {
    outcomes.add(Outcome.ERROR);
    error.compareAndSet(null, throwable);
    finished.countDown();
  }

  /** Waits for completion or error, whichever comes first. */
  StreamCollector await() throws InterruptedException {
    return await(Duration.ofSeconds(10));
  }

  StreamCollector await(Duration timeout) throws InterruptedException {
    if (!finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("stream neither completed nor failed within " + timeout);
    }
    return this;
  }

  /**
   * Waits until {@code count} terminal callbacks arrived. Needed because langchain4j 1.19 follows
   * the error of a broken stream with a completion carrying the partial text.
   */
  List<Outcome> awaitOutcomes(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (outcomes.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return List.copyOf(outcomes);
  }

  String text() {
    StringBuilder text = new StringBuilder();
    arrivals.forEach(arrival -> text.append(arrival.token()));
    return text.toString();
  }

  List<Arrival> arrivals() {
    return List.copyOf(arrivals);
  }

  ChatResponse response() {
    return response.get();
  }

  Throwable error() {
    return error.get();
  }
}
