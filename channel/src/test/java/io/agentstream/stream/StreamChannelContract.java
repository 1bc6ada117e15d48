package io.agentstream.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import io.agentstream.protocol.EventDraft;
import io.agentstream.protocol.EventPayload;
import io.agentstream.protocol.RunCancelled;
import io.agentstream.protocol.RunCompleted;
import io.agentstream.protocol.RunEvent;
import io.agentstream.protocol.RunFailed;
import io.agentstream.protocol.RunStatus;
import io.agentstream.protocol.RunStatusChanged;
import io.agentstream.protocol.StepCompleted;
import io.agentstream.protocol.StepData;
import io.agentstream.protocol.StepStarted;
import io.agentstream.protocol.StepStatus;
import io.agentstream.protocol.StepToken;
import io.agentstream.stream.StreamChannel.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every live channel promises its writers (the step writers, the workflow's run events) and
 * its readers (the SSE sessions), checked the same way for each implementation: a test extends this
 * class, returns a fresh channel from {@link #newChannel}, and runs every case here. Fencing,
 * resume points, gaps and trimming are thereby one rule with one test, however many languages
 * implement it (Java for the in-memory channel, Lua for Redis).
 *
 * <p>Delivery may be asynchronous (the Redis channel delivers on a reader thread), so what a
 * listener got is awaited, never assumed. Each case uses run ids of its own.
 */
public abstract class StreamChannelContract {

  protected static final Duration PATIENCE = Duration.ofSeconds(15);

  /**
   * The bounds a case asks the channel for.
   *
   * @param maxEventsPerRun about how many events a run's stream keeps before the oldest are trimmed
   * @param retentionAfterEnd how long a finished run's stream stays readable
   */
  protected record ChannelLimits(int maxEventsPerRun, Duration retentionAfterEnd) {

    /** Bounds no case reaches unless it means to. */
    public static final ChannelLimits ROOMY = new ChannelLimits(100_000, Duration.ofMinutes(30));

    public static ChannelLimits maxEventsPerRun(int max) {
      return new ChannelLimits(max, ROOMY.retentionAfterEnd());
    }
  }

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final List<String> runs = new ArrayList<>();

  /** A new channel with these bounds; closed after the case when it is {@link AutoCloseable}. */
  protected abstract StreamChannel newChannel(ChannelLimits limits);

  /** Drops whatever the implementation keeps of a run outside this JVM (e.g. its Redis keys). */
  protected void forget(String runId) {}

  @AfterEach
  void closeEverythingAndForgetTheRuns() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    closeables.clear();
    runs.forEach(this::forget);
    runs.clear();
  }

  // ---- ordering, sequences, payloads

  @Test
  void appendedEventsGetStrictlyIncreasingSequencesAndComeBackInOrderWithPayloadIntact() {
    StreamChannel channel = channel();
    String run = newRun();
    Map<String, Object> place =
        Map.of(
            "name",
            "Café \"Lanikai\"\n",
            "rating",
            4,
            "price",
            0.5,
            "tags",
            List.of("beach", "brunch"),
            "address",
            Map.of("city", "Kailua", "open", true));
    List<EventDraft> drafts =
        List.of(
            EventDraft.ofRun(run, new RunStatusChanged(RunStatus.RUNNING)),
            EventDraft.ofWorkflowStep(run, "research", new StepStarted("Research")),
            new EventDraft(run, "research", 1, new StepToken(0, "Aloha")),
            new EventDraft(run, "research", 1, new StepToken(5, " ünïcødé ✓")),
            new EventDraft(run, "research", 1, new StepData(0, place)),
            EventDraft.ofWorkflowStep(
                run,
                "research",
                new StepCompleted(StepStatus.COMPLETED, "Aloha ünïcødé ✓", List.of(place))));

    List<Long> seqs = drafts.stream().map(channel::append).toList();

    assertThat(seqs).doesNotHaveDuplicates().isSorted();
    assertThat(seqs.get(0)).isPositive();
    assertThat(seqs)
        .as("appends that are not refused take consecutive sequences")
        .isEqualTo(LongStream.range(seqs.get(0), seqs.get(0) + drafts.size()).boxed().toList());
    assertThat(channel.head(run)).isEqualTo(seqs.get(seqs.size() - 1));

    RecordingListener listener = subscribe(channel, run, 0);
    eventually().until(() -> listener.size() == drafts.size());
    assertThat(listener.gapsAt()).isEmpty();
    assertThat(listener.seqs()).isEqualTo(seqs);
    List<RunEvent> events = listener.events();
    for (int i = 0; i < drafts.size(); i++) {
      EventDraft draft = drafts.get(i);
      RunEvent event = events.get(i);
      assertThat(event.runId()).isEqualTo(run);
      assertThat(event.step()).isEqualTo(draft.step());
      assertThat(event.attempt()).isEqualTo(draft.attempt());
      assertThat(event.type()).isEqualTo(draft.type());
      assertThat(event.payload()).isEqualTo(draft.payload());
      assertThat(event.ts()).isPositive();
    }
  }

  @Test
  void sequencesStartAboveTheWallClockInMicrosecondsSoTheyKeepIncreasingAcrossARestart() {
    long micros = System.currentTimeMillis() * 1000;
    long first = channel().append(token(newRun(), "write", 1, "a"));
    // A second of leeway for a store with a clock of its own (Redis uses its server time).
    assertThat(first).isGreaterThan(micros - 1_000_000);
  }

  @Test
  void eachRunHasItsOwnSequenceAndItsSubscribersSeeOnlyItsEvents() {
    StreamChannel channel = channel();
    String run = newRun();
    String other = newRun();
    RecordingListener listener = subscribe(channel, run, 0);
    RecordingListener otherListener = subscribe(channel, other, 0);
    List<Long> seqs = new ArrayList<>();
    List<Long> otherSeqs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      seqs.add(channel.append(token(run, "write", 1, "r" + i)));
      otherSeqs.add(channel.append(token(other, "write", 1, "o" + i)));
    }
    assertThat(seqs).isEqualTo(LongStream.range(seqs.get(0), seqs.get(0) + 10).boxed().toList());
    assertThat(otherSeqs)
        .isEqualTo(LongStream.range(otherSeqs.get(0), otherSeqs.get(0) + 10).boxed().toList());

    eventually().until(() -> listener.size() == 10 && otherListener.size() == 10);
    assertThat(listener.events()).allSatisfy(e -> assertThat(e.runId()).isEqualTo(run));
    assertThat(otherListener.events()).allSatisfy(e -> assertThat(e.runId()).isEqualTo(other));
    assertThat(listener.seqs()).isEqualTo(seqs);
    assertThat(otherListener.seqs()).isEqualTo(otherSeqs);
  }

  @Test
  void headIsZeroForARunTheChannelDoesNotKnowEvenOnceSomeoneSubscribedToIt() {
    StreamChannel channel = channel();
    String run = newRun();
    assertThat(channel.head(run)).isZero();
    subscribe(channel, run, 0);
    assertThat(channel.head(run)).isZero();
  }

  // ---- subscribing and resuming

  @Test
  void subscribingBeforeARunsFirstEventIsExact() {
    StreamChannel channel = channel();
    String run = newRun();
    RecordingListener listener = subscribe(channel, run, 0);
    long first = channel.append(token(run, "write", 1, "a"));
    channel.append(token(run, "write", 1, "b"));
    eventually().until(() -> listener.size() == 2);
    assertThat(listener.seqs()).containsExactly(first, first + 1);
    assertThat(listener.gapsAt()).isEmpty();
  }

  @Test
  void subscribingAfterASequenceDeliversExactlyWhatFollowsThenLiveEvents() {
    StreamChannel channel = channel();
    String run = newRun();
    List<Long> seqs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      seqs.add(channel.append(token(run, "write", 1, "t" + i)));
    }
    long after = seqs.get(3);
    RecordingListener listener = subscribe(channel, run, after);
    eventually().until(() -> listener.size() == 6);
    for (int i = 10; i < 13; i++) {
      seqs.add(channel.append(token(run, "write", 1, "t" + i)));
    }
    eventually().until(() -> listener.size() == 9);
    assertThat(listener.seqs()).isEqualTo(seqs.subList(4, 13));
    assertThat(listener.events())
        .extracting(e -> ((StepToken) e.payload()).text())
        .containsExactly("t4", "t5", "t6", "t7", "t8", "t9", "t10", "t11", "t12");
    assertThat(listener.gapsAt()).isEmpty();
  }

  @Test
  void subscribingAtTheHeadDeliversOnlyWhatComesNext() {
    StreamChannel channel = channel();
    String run = newRun();
    for (int i = 0; i < 5; i++) {
      channel.append(token(run, "write", 1, "old" + i));
    }
    RecordingListener listener = subscribe(channel, run, channel.head(run));
    long next = channel.append(token(run, "write", 1, "new"));
    eventually().until(() -> listener.size() >= 1);
    assertThat(listener.seqs()).containsExactly(next);
    assertThat(listener.gapsAt()).isEmpty();
  }

  @Test
  void subscribersJoiningWhileAppendsRunGetEveryEventAfterTheirPositionExactlyOnce()
      throws Exception {
    StreamChannel channel = channel();
    String run = newRun();
    List<Long> first = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      first.add(channel.append(token(run, "s0", 1, "t" + i)));
    }
    int writers = 4;
    int perWriter = 250;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch go = new CountDownLatch(1);
    try {
      for (int w = 0; w < writers; w++) {
        String step = "s" + (w + 1);
        pool.submit(
            () -> {
              go.await();
              for (int i = 0; i < perWriter; i++) {
                assertThat(channel.append(token(run, step, 1, "x" + i))).isPositive();
              }
              return null;
            });
      }
      go.countDown();
      // Subscribers join at different moments while the writers append.
      List<RecordingListener> listeners = new ArrayList<>();
      List<Long> resumePoints = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        long afterSeq = i == 0 ? first.get(9) : channel.head(run) - 3;
        resumePoints.add(afterSeq);
        listeners.add(subscribe(channel, run, afterSeq));
        Thread.sleep(20);
      }
      pool.shutdown();
      assertThat(pool.awaitTermination(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
      long head = channel.head(run);
      assertThat(head).isEqualTo(first.get(0) + 50 + writers * perWriter - 1);

      for (int i = 0; i < listeners.size(); i++) {
        RecordingListener listener = listeners.get(i);
        eventually().until(() -> listener.lastSeq() == head);
        assertThat(listener.gapsAt()).isEmpty();
        assertThat(listener.seqs())
            .isEqualTo(LongStream.rangeClosed(resumePoints.get(i) + 1, head).boxed().toList());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- fencing

  @Test
  void refusesEventsOfAnOlderAttemptThanTheStepAlreadyHadAndNeverDeliversThem() {
    StreamChannel channel = channel();
    String run = newRun();
    RecordingListener listener = subscribe(channel, run, 0);

    List<Long> accepted = new ArrayList<>();
    accepted.add(channel.append(token(run, "research", 1, "one")));
    accepted.add(channel.append(token(run, "research", 2, "two")));
    assertThat(channel.append(token(run, "research", 1, "stale"))).isEqualTo(StreamChannel.REFUSED);
    accepted.add(channel.append(token(run, "research", 2, "two again")));
    accepted.add(channel.append(token(run, "write", 1, "other step, attempt 1")));
    accepted.add(channel.append(EventDraft.ofRun(run, new RunStatusChanged(RunStatus.RUNNING))));
    accepted.add(
        channel.append(
            EventDraft.ofWorkflowStep(run, "research", new StepStarted("workflow, attempt 0"))));
    assertThat(channel.append(token(run, "research", 1, "still stale")))
        .isEqualTo(StreamChannel.REFUSED);
    accepted.add(channel.append(token(run, "research", 3, "three")));
    assertThat(channel.append(token(run, "research", 2, "now stale too")))
        .isEqualTo(StreamChannel.REFUSED);

    assertThat(accepted)
        .as("a refused append takes no sequence")
        .isEqualTo(
            LongStream.range(accepted.get(0), accepted.get(0) + accepted.size()).boxed().toList());
    assertThat(channel.head(run)).isEqualTo(accepted.get(accepted.size() - 1));
    eventually().until(() -> listener.size() == accepted.size());
    assertThat(listener.events())
        .extracting(StreamChannelContract::textOf)
        .containsExactly(
            "one",
            "two",
            "two again",
            "other step, attempt 1",
            "RUNNING",
            "workflow, attempt 0",
            "three");
    assertThat(listener.gapsAt()).isEmpty();
  }

  // ---- gaps

  @Test
  void resumingBeforeTheTrimmedRangeReportsAGapThenDeliversFromTheOldestRetained() {
    StreamChannel channel = channel(ChannelLimits.maxEventsPerRun(10));
    String run = newRun();
    long firstSeq = channel.append(token(run, "write", 1, "first"));
    for (int i = 0; i < 299; i++) {
      channel.append(token(run, "write", 1, "t" + i));
    }
    long head = channel.head(run);
    RecordingListener fromStart = subscribe(channel, run, 0);
    eventually().until(() -> fromStart.lastSeq() == head);
    long oldest = fromStart.seqs().get(0);
    assertThat(oldest).isGreaterThan(firstSeq + 1);

    RecordingListener fromTrimmed = subscribe(channel, run, firstSeq);
    RecordingListener justBeforeOldest = subscribe(channel, run, oldest - 1);
    for (RecordingListener listener : List.of(fromStart, fromTrimmed, justBeforeOldest)) {
      eventually().until(() -> listener.lastSeq() == head);
      assertThat(listener.seqs()).isEqualTo(LongStream.rangeClosed(oldest, head).boxed().toList());
    }
    assertThat(fromStart.gapsAt()).as("the run's first event is gone").containsExactly(0);
    assertThat(fromTrimmed.gapsAt()).containsExactly(0);
    assertThat(justBeforeOldest.gapsAt()).isEmpty();
  }

  @Test
  void resumingAboveTheHeadReportsAGapThenDeliversWhatTheChannelHas() {
    StreamChannel channel = channel();
    String run = newRun();
    long first = channel.append(token(run, "write", 1, "a"));
    channel.append(token(run, "write", 1, "b"));

    RecordingListener aboveHead = subscribe(channel, run, first + 100);
    eventually().until(() -> aboveHead.size() == 2);
    assertThat(aboveHead.gapsAt()).containsExactly(0);
    assertThat(aboveHead.seqs()).containsExactly(first, first + 1);
  }

  @Test
  void resumingFromBeforeTheRunsFirstEventReportsAGapWhileResumingRightBeforeItIsExact() {
    StreamChannel channel = channel();
    String run = newRun();
    long first = channel.append(token(run, "write", 1, "a"));
    channel.append(token(run, "write", 1, "b"));

    RecordingListener fromAnEarlierLife = subscribe(channel, run, first - 1_000);
    RecordingListener rightBefore = subscribe(channel, run, first - 1);
    for (RecordingListener listener : List.of(fromAnEarlierLife, rightBefore)) {
      eventually().until(() -> listener.size() == 2);
      assertThat(listener.seqs()).containsExactly(first, first + 1);
    }
    assertThat(fromAnEarlierLife.gapsAt())
        .as("an id from before the run's stream began, e.g. before a restart")
        .containsExactly(0);
    assertThat(rightBefore.gapsAt()).isEmpty();
  }

  @Test
  void resumingOnARunTheChannelDoesNotKnowReportsAGapThenDeliversItsNewEvents() {
    StreamChannel channel = channel();
    long elsewhere = channel.append(token(newRun(), "write", 1, "a"));
    String run = newRun();

    RecordingListener listener = subscribe(channel, run, elsewhere);
    eventually().until(() -> listener.gapsAt().size() == 1);
    long next = channel.append(token(run, "write", 1, "new life"));
    eventually().until(() -> listener.size() == 1);
    assertThat(listener.seqs()).containsExactly(next);
    assertThat(listener.gapsAt()).containsExactly(0);
  }

  @Test
  void resubscribingFromTheLastEventDeliveredAfterAGapIsExact() {
    StreamChannel channel = channel(ChannelLimits.maxEventsPerRun(10));
    String run = newRun();
    long first = channel.append(token(run, "write", 1, "first"));
    for (int i = 0; i < 199; i++) {
      channel.append(token(run, "write", 1, "t" + i));
    }
    long head = channel.head(run);
    RecordingListener stale = subscribe(channel, run, first);
    eventually().until(() -> stale.lastSeq() == head);
    assertThat(stale.gapsAt()).containsExactly(0);

    // What a reader does after a gap: resync (from a snapshot), then resume from what it has.
    RecordingListener resumed = subscribe(channel, run, stale.lastSeq());
    long next = channel.append(token(run, "write", 1, "next"));
    eventually().until(() -> resumed.size() == 1);
    assertThat(resumed.seqs()).containsExactly(next);
    assertThat(resumed.gapsAt()).isEmpty();
  }

  // ---- trimming

  @Test
  void trimsARunsStreamToAboutItsBound() {
    int max = 100;
    StreamChannel channel = channel(ChannelLimits.maxEventsPerRun(max));
    String run = newRun();
    long first = channel.append(token(run, "write", 1, "first"));
    for (int i = 1; i < 10 * max; i++) {
      channel.append(token(run, "write", 1, "t" + i));
    }
    long head = channel.head(run);
    assertThat(head).isEqualTo(first + 10 * max - 1);

    RecordingListener fromStart = subscribe(channel, run, 0);
    eventually().until(() -> fromStart.lastSeq() == head);
    List<Long> retained = fromStart.seqs();
    // Exactly the bound in memory; whole stream nodes in Redis (MAXLEN ~), never fewer than the
    // bound.
    assertThat(retained).as("retained window").hasSizeBetween(max, 2 * max);
    assertThat(retained)
        .isEqualTo(LongStream.rangeClosed(head - retained.size() + 1, head).boxed().toList());
    assertThat(fromStart.gapsAt()).as("the start is trimmed").containsExactly(0);
  }

  // ---- end of stream

  static Stream<EventPayload> terminalEvents() {
    return Stream.of(
        new RunCompleted(Map.of("summary", "5 days on Oahu")),
        new RunFailed("model unavailable"),
        new RunCancelled());
  }

  @ParameterizedTest
  @MethodSource("terminalEvents")
  void aFinishedRunStaysReadableForLateSubscribersAndItsHeadIsTheTerminalEvent(
      EventPayload terminal) {
    StreamChannel channel = channel(new ChannelLimits(100_000, Duration.ofMinutes(5)));
    String run = newRun();
    long first = channel.append(EventDraft.ofRun(run, new RunStatusChanged(RunStatus.RUNNING)));
    for (int i = 0; i < 3; i++) {
      channel.append(token(run, "write", 1, "t" + i));
    }
    long end = channel.append(EventDraft.ofRun(run, terminal));
    assertThat(end).isEqualTo(first + 4);
    assertThat(channel.head(run)).isEqualTo(end);

    RecordingListener late = subscribe(channel, run, 0);
    RecordingListener resuming = subscribe(channel, run, first + 1);
    eventually().until(() -> late.lastSeq() == end && resuming.lastSeq() == end);
    assertThat(late.seqs()).isEqualTo(LongStream.rangeClosed(first, end).boxed().toList());
    assertThat(resuming.seqs()).isEqualTo(LongStream.rangeClosed(first + 2, end).boxed().toList());
    RunEvent last = late.events().get(late.size() - 1);
    assertThat(last.isTerminal()).isTrue();
    assertThat(last.payload()).isEqualTo(terminal);
    assertThat(late.gapsAt()).isEmpty();
    assertThat(resuming.gapsAt()).isEmpty();
  }

  // ---- subscribers

  @Test
  void everySubscriberOfARunSeesTheSameEventsInTheSameOrder() throws Exception {
    StreamChannel channel = channel();
    String run = newRun();
    RecordingListener one = subscribe(channel, run, 0);
    RecordingListener two = subscribe(channel, run, 0);
    Thread[] writers = new Thread[3];
    for (int w = 0; w < writers.length; w++) {
      String step = "s" + w;
      writers[w] =
          new Thread(
              () -> {
                for (int i = 0; i < 100; i++) {
                  channel.append(token(run, step, 1, step + "-" + i));
                }
              });
      writers[w].start();
    }
    for (Thread writer : writers) {
      writer.join(PATIENCE.toMillis());
    }
    long head = channel.head(run);
    eventually().until(() -> one.lastSeq() == head && two.lastSeq() == head);
    assertThat(one.size()).isEqualTo(300);
    assertThat(one.events()).isEqualTo(two.events());
    assertThat(one.seqs()).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void neverCallsOneSubscriptionsListenerConcurrently() throws Exception {
    StreamChannel channel = channel();
    String run = newRun();
    for (int i = 0; i < 20; i++) {
      channel.append(token(run, "s0", 1, "before" + i));
    }
    List<RecordingListener> listeners = new ArrayList<>();
    Thread[] writers = new Thread[4];
    for (int w = 0; w < writers.length; w++) {
      String step = "s" + (w + 1);
      writers[w] =
          new Thread(
              () -> {
                for (int i = 0; i < 200; i++) {
                  channel.append(token(run, step, 1, step + "-" + i));
                }
              });
      writers[w].start();
      // Replays that overlap the appends, too.
      listeners.add(subscribe(channel, run, 0, RecordingListener.dwelling()));
    }
    for (Thread writer : writers) {
      writer.join(PATIENCE.toMillis());
    }
    long head = channel.head(run);
    for (RecordingListener listener : listeners) {
      eventually().until(() -> listener.lastSeq() == head);
      assertThat(listener.wasCalledConcurrently()).isFalse();
      assertThat(listener.seqs())
          .isEqualTo(LongStream.rangeClosed(head - 819, head).boxed().toList());
    }
  }

  @Test
  void closingASubscriptionEndsItsDelivery() {
    StreamChannel channel = channel();
    String run = newRun();
    RecordingListener closing = new RecordingListener();
    Subscription subscription = channel.subscribe(run, 0, closing);
    RecordingListener staying = subscribe(channel, run, 0);
    for (int i = 0; i < 3; i++) {
      channel.append(token(run, "write", 1, "a" + i));
    }
    eventually().until(() -> closing.size() == 3 && staying.size() == 3);

    subscription.close();
    subscription.close();
    for (int i = 0; i < 3; i++) {
      channel.append(token(run, "write", 1, "b" + i));
    }
    eventually().until(() -> staying.size() == 6);
    assertThat(closing.size()).isEqualTo(3);
  }

  @Test
  void aFailingListenerNeitherFailsTheAppendNorKeepsEventsFromOtherListeners() {
    StreamChannel channel = channel();
    String run = newRun();
    StreamListener failing =
        event -> {
          throw new IllegalStateException("listener bug");
        };
    closeAfter(channel.subscribe(run, 0, failing));
    RecordingListener healthy = subscribe(channel, run, 0);
    for (int i = 0; i < 3; i++) {
      assertThat(channel.append(token(run, "write", 1, "t" + i))).isPositive();
    }
    assertThatCode(() -> closeAfter(channel.subscribe(run, 0, failing)))
        .as("a replay to a failing listener")
        .doesNotThrowAnyException();
    long last = channel.append(token(run, "write", 1, "last"));
    eventually().until(() -> healthy.lastSeq() == last);
    assertThat(healthy.size()).isEqualTo(4);
    assertThat(healthy.gapsAt()).isEmpty();
  }

  // ---- helpers for this class and the implementations' own tests

  protected final StreamChannel channel() {
    return channel(ChannelLimits.ROOMY);
  }

  protected final StreamChannel channel(ChannelLimits limits) {
    StreamChannel channel = newChannel(limits);
    if (channel instanceof AutoCloseable closeable) {
      closeAfter(closeable);
    }
    return channel;
  }

  /** Closes {@code closeable} after the case, in the reverse order of registration. */
  protected final <T extends AutoCloseable> T closeAfter(T closeable) {
    closeables.add(closeable);
    return closeable;
  }

  /** A run id of this case's own, forgotten afterwards. */
  protected final String newRun() {
    String run = "test-" + UUID.randomUUID();
    runs.add(run);
    return run;
  }

  protected final RecordingListener subscribe(StreamChannel channel, String run, long afterSeq) {
    return subscribe(channel, run, afterSeq, new RecordingListener());
  }

  protected final RecordingListener subscribe(
      StreamChannel channel, String run, long afterSeq, RecordingListener listener) {
    closeAfter(channel.subscribe(run, afterSeq, listener));
    return listener;
  }

  protected static ConditionFactory eventually() {
    return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10));
  }

  protected static EventDraft token(String run, String step, int attempt, String text) {
    return new EventDraft(run, step, attempt, new StepToken(0, text));
  }

  private static String textOf(RunEvent event) {
    if (event.payload() instanceof StepToken token) {
      return token.text();
    }
    if (event.payload() instanceof StepStarted started) {
      return started.title();
    }
    if (event.payload() instanceof RunStatusChanged changed) {
      return changed.status().name();
    }
    return event.type();
  }
}
