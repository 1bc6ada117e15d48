package io.agentstream.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.FinishReason;
import io.agentstream.llm.ModelStream;
import io.agentstream.llm.Prompt;
import io.agentstream.protocol.EventDraft;
import io.agentstream.protocol.StepData;
import io.agentstream.protocol.StepToken;
import io.agentstream.run.StepCheckpoint;
import io.agentstream.stream.InMemoryStreamChannel;
import io.agentstream.stream.StreamChannel;
import io.agentstream.stream.StreamListener;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How a step's writes reach the live channel, with a real activity context around the writer. */
class StepWriterTest {

  @ActivityInterface
  public interface WriteTokens {
    @ActivityMethod
    String write(int tokens);
  }

  /** The in-memory channel with appends that take a while, as Redis does on a loaded machine. */
  static final class SlowChannel implements StreamChannel {
    final InMemoryStreamChannel delegate = new InMemoryStreamChannel();
    final List<EventDraft> appended = new CopyOnWriteArrayList<>();
    final long appendMillis;

    SlowChannel(long appendMillis) {
      this.appendMillis = appendMillis;
    }

    @Override
    public long append(EventDraft draft) {
      try {
        Thread.sleep(appendMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      appended.add(draft);
      return delegate.append(draft);
    }

    @Override
    public Subscription subscribe(String runId, long afterSeq, StreamListener listener) {
      return delegate.subscribe(runId, afterSeq, listener);
    }

    @Override
    public long head(String runId) {
      return delegate.head(runId);
    }
  }

  @ActivityInterface
  public interface WriteLines {
    @ActivityMethod(name = "WriteLines")
    List<String> write();
  }

  /** A model that streams fixed tokens, then finishes (no HTTP: the writer is the subject). */
  static ModelStream modelStreaming(String... tokens) {
    StreamingChatModel model =
        new StreamingChatModel() {
          @Override
          public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
            StreamingHandle handle =
                new StreamingHandle() {
                  @Override
                  public void cancel() {}

                  @Override
                  public boolean isCancelled() {
                    return false;
                  }
                };
            for (String token : tokens) {
              handler.onPartialResponse(
                  new PartialResponse(token), new PartialResponseContext(handle));
            }
            handler.onCompleteResponse(
                ChatResponse.builder()
                    .aiMessage(AiMessage.from(String.join("", tokens)))
                    .finishReason(FinishReason.STOP)
                    .build());
          }
        };
    return new ModelStream(model);
  }

  private TestActivityEnvironment env;
  private StepWriters writers;

  @BeforeEach
  void setUp() {
    env = TestActivityEnvironment.newInstance();
  }

  @AfterEach
  void tearDown() {
    env.close();
    if (writers != null) {
      writers.close();
    }
  }

  private String writeTokens(StreamChannel channel, int tokens) {
    writers = new StepWriters(channel, Duration.ofMillis(200));
    env.registerActivitiesImplementations(
        (WriteTokens)
            count -> {
              try (StepWriter writer = writers.openTextStep("answer")) {
                for (int i = 0; i < count; i++) {
                  writer.token(" t" + i);
                }
                return writer.text();
              }
            });
    WriteTokens activity =
        env.newActivityStub(
            WriteTokens.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());
    return activity.write(tokens);
  }

  @Test
  void tokensWrittenWhileTheChannelIsBusyArriveMergedInOrderBeforeTheStepReturns() {
    SlowChannel channel = new SlowChannel(20);

    String text = writeTokens(channel, 200);

    List<StepToken> tokens = tokenEvents(channel);
    // Fewer events than tokens: the writer did not wait 20 ms per token, it merged them.
    assertThat(tokens).hasSizeLessThan(50);
    StringBuilder reassembled = new StringBuilder();
    for (StepToken token : tokens) {
      assertThat(token.offset()).isEqualTo(reassembled.length());
      reassembled.append(token.text());
    }
    // Everything was on the channel by the time the step returned its text.
    assertThat(reassembled.toString()).isEqualTo(text).startsWith(" t0 t1 t2").endsWith(" t199");
  }

  @Test
  void eachTokenWrittenToAnIdleChannelGoesOutAloneAndAtOnce() {
    SlowChannel channel = new SlowChannel(0);
    writers = new StepWriters(channel, Duration.ofMillis(200));
    env.registerActivitiesImplementations(
        (WriteTokens)
            count -> {
              try (StepWriter writer = writers.openTextStep("answer")) {
                for (int i = 0; i < count; i++) {
                  writer.token(" t" + i);
                  int sent = i + 1;
                  // Nothing else is written until this token is on the channel: it must not wait
                  // for company.
                  long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                  while (tokenEvents(channel).size() < sent && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                  }
                }
                return writer.text();
              }
            });
    String text =
        env.newActivityStub(
                WriteTokens.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build())
            .write(20);

    List<StepToken> tokens = tokenEvents(channel);
    assertThat(tokens).hasSize(20);
    assertThat(tokens).extracting(StepToken::text).startsWith(" t0", " t1", " t2");
    assertThat(String.join("", tokens.stream().map(StepToken::text).toList())).isEqualTo(text);
  }

  @Test
  void eachLineIsHandedOverTheMomentItsNewlineIsWrittenWithTheTextEndingAtThatLine() {
    SlowChannel channel = new SlowChannel(0);
    writers = new StepWriters(channel, Duration.ofMillis(200));
    // Lines split across tokens, two newlines in one token, and a last line without a newline.
    ModelStream model =
        modelStreaming(
            "- Dana: send", " the budget\n- Sam", ": book the room\n\n- Li: call", " the hotel");
    env.registerActivitiesImplementations(
        (WriteLines)
            () -> {
              try (StepWriter writer = writers.openStep("items")) {
                List<String> seen = new ArrayList<>();
                String text =
                    writer.writeModelLines(
                        model,
                        new Prompt("items", "List them.", "notes"),
                        line -> {
                          seen.add(
                              line
                                  + " | text ends with it: "
                                  + writer.text().endsWith(line + "\n"));
                          if (!line.isEmpty()) {
                            writer.data(line);
                            writer.checkpoint();
                          }
                        });
                seen.add(text);
                return seen;
              }
            });
    List<String> seen =
        env.newActivityStub(
                WriteLines.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build())
            .write();

    assertThat(seen)
        .containsExactly(
            "- Dana: send the budget | text ends with it: true",
            "- Sam: book the room | text ends with it: true",
            " | text ends with it: true",
            "- Li: call the hotel | text ends with it: true",
            "- Dana: send the budget\n- Sam: book the room\n\n- Li: call the hotel\n");
    // On the channel (tokens may merge), each item comes when the text streamed so far ends with
    // its line.
    StringBuilder streamed = new StringBuilder();
    List<String> itemsWithTheirText = new ArrayList<>();
    for (EventDraft draft : channel.appended) {
      if (draft.payload() instanceof StepToken token) {
        streamed.append(token.text());
      } else if (draft.payload() instanceof StepData data) {
        itemsWithTheirText.add(
            data.item() + " | " + streamed.toString().endsWith(data.item() + "\n"));
      }
    }
    assertThat(itemsWithTheirText)
        .containsExactly(
            "- Dana: send the budget | true",
            "- Sam: book the room | true",
            "- Li: call the hotel | true");
  }

  private static List<StepToken> tokenEvents(SlowChannel channel) {
    return channel.appended.stream()
        .map(EventDraft::payload)
        .filter(StepToken.class::isInstance)
        .map(StepToken.class::cast)
        .toList();
  }

  @Test
  void aDrainingWorkerEndsTheAttemptRetryablyAtACheckpointOfEverythingClientsSaw()
      throws Exception {
    SlowChannel channel = new SlowChannel(0);
    writers = new StepWriters(channel, Duration.ofMillis(200));
    List<StepCheckpoint> heartbeats = new CopyOnWriteArrayList<>();
    env.setActivityHeartbeatListener(StepCheckpoint.class, heartbeats::add);
    java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
    env.registerActivitiesImplementations(
        (WriteTokens)
            count -> {
              try (StepWriter writer = writers.openTextStep("answer")) {
                for (int i = 0; i < count; i++) {
                  writer.token(" t" + i);
                }
                written.countDown();
                while (!writer.stopRequested()) {
                  Thread.onSpinWait();
                }
                writer.token(" after the drain");
                return writer.text();
              }
            });
    WriteTokens activity =
        env.newActivityStub(
            WriteTokens.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());
    java.util.concurrent.CompletableFuture<String> attempt =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> activity.write(20));
    written.await();

    assertThat(writers.drain(Duration.ofSeconds(10))).isZero();

    assertThat(attempt)
        .failsWithin(Duration.ofSeconds(10))
        .withThrowableThat()
        .havingRootCause()
        .isInstanceOfSatisfying(
            io.temporal.failure.ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(StepWriter.WORKER_DRAINING);
              assertThat(f.isNonRetryable()).isFalse();
            });
    String sent = String.join("", tokenEvents(channel).stream().map(StepToken::text).toList());
    assertThat(sent).startsWith(" t0").endsWith(" t19").doesNotContain("after the drain");
    // The checkpoint the retry reads travels with the failure (the SDK sends the latest
    // heartbeat details with it); DrainIT checks that path against a real server.
    assertThat(heartbeats).allSatisfy(c -> assertThat(sent).startsWith(c.text()));
    assertThat(channel.appended)
        .extracting(EventDraft::payload)
        .last()
        .isInstanceOf(io.agentstream.protocol.StepRetrying.class);
  }
}
