package io.agentstream.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentstream.protocol.EventDraft;
import io.agentstream.protocol.RunCompleted;
import io.agentstream.protocol.RunStatus;
import io.agentstream.protocol.RunStatusChanged;
import io.agentstream.protocol.StepData;
import io.agentstream.protocol.StepToken;
import io.agentstream.protocol.RunEvent;
import io.agentstream.stream.StreamChannel.Subscription;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs against the real Redis ({@link TestRedis}); every test uses its own run ids. */
@RequiresRedis
class RedisStreamChannelTest {

  private static final String REDIS = TestRedis.url();
  private static final Duration PATIENCE = Duration.ofSeconds(15);
  private static final RedisChannelSettings DEFAULTS =
      settings(100_000, Duration.ofMinutes(30), Duration.ofHours(24));

  private static RedisClient adminClient;
  private static StatefulRedisConnection<String, String> adminConnection;
  private static RedisCommands<String, String> redis;

  private final List<RedisStreamChannel> channels = new ArrayList<>();
  private final List<String> runs = new ArrayList<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @BeforeAll
  static void connect() {
    adminClient = RedisClient.create(REDIS);
    adminConnection = adminClient.connect();
    redis = adminConnection.sync();
  }

  @AfterAll
  static void disconnect() {
    adminConnection.close();
    adminClient.shutdown(0, 2, TimeUnit.SECONDS);
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    channels.forEach(RedisStreamChannel::close);
    for (String run : runs) {
      RunKeys keys = RunKeys.of(run);
      redis.del(keys.meta(), keys.attempts(), keys.events());
    }
  }

  @Test
  void appendedEventsGetIncreasingSequencesAndComeBackInOrderWithPayloadIntact() {
    RedisStreamChannel channel = node();
    String run = newRun();
    long before = System.currentTimeMillis() * 1000;
    Map<String, Object> item = Map.of(
        "text", "héllo \"world\"\n", "n", 42, "ratio", 0.5, "items", List.of("a", "b"), "nested", Map.of("k", true));
    StepData payload = new StepData(3, item);

    List<Long> seqs = new ArrayList<>();
    seqs.add(channel.append(EventDraft.ofRun(run, new RunStatusChanged(RunStatus.RUNNING))));
    for (int i = 0; i < 20; i++) {
      seqs.add(channel.append(new EventDraft(run, "write", 1, payload)));
    }

    assertThat(seqs.get(0)).isGreaterThan(before);
    assertThat(seqs).isEqualTo(LongStream.rangeClosed(seqs.get(0), seqs.get(0) + 20).boxed().toList());
    assertThat(channel.head(run)).isEqualTo(seqs.get(20));

    RecordingListener listener = new RecordingListener();
    closeables.add(channel.subscribe(run, 0, listener));
    eventually().until(() -> listener.size() == 21);
    List<RunEvent> events = listener.events();
    assertThat(listener.gapsAt()).isEmpty();
    assertThat(listener.seqs()).isEqualTo(seqs);
    assertThat(events.get(0).payload()).isEqualTo(new RunStatusChanged(RunStatus.RUNNING));
    assertThat(events.get(0).step()).isNull();
    RunEvent token = events.get(5);
    assertThat(token.runId()).isEqualTo(run);
    assertThat(token.type()).isEqualTo("step.data");
    assertThat(token.step()).isEqualTo("write");
    assertThat(token.attempt()).isEqualTo(1);
    assertThat(token.ts()).isPositive();
    assertThat(token.payload()).isEqualTo(payload);
  }

  @Test
  void headIsZeroForARunTheChannelDoesNotKnow() {
    assertThat(node().head(newRun())).isZero();
  }

  @Test
  void replaysAfterAGivenSequenceThenDeliversLiveEventsWithoutGapOrDuplicateWhileAppendsRun()
      throws Exception {
    RedisStreamChannel channel = node();
    String run = newRun();
    List<Long> first = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      first.add(channel.append(token(run, "s0", 1, "t" + i)));
    }
    int writers = 4;
    int perWriter = 250;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch go = new CountDownLatch(1);
    for (int w = 0; w < writers; w++) {
      String step = "s" + (w + 1);
      pool.submit(() -> {
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
      RecordingListener listener = new RecordingListener();
      listeners.add(listener);
      resumePoints.add(afterSeq);
      closeables.add(channel.subscribe(run, afterSeq, listener));
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
      assertThat(listener.seqs()).isEqualTo(LongStream.rangeClosed(resumePoints.get(i) + 1, head).boxed().toList());
      assertThat(listener.wasCalledConcurrently()).isFalse();
    }
  }

  @Test
  void deliversAcrossNodesAndResumesOnAnotherNode() {
    RedisStreamChannel writer = node();
    RedisStreamChannel reader = node();
    RedisStreamChannel otherReader = node();
    String run = newRun();

    RecordingListener live = new RecordingListener();
    Subscription subscription = reader.subscribe(run, 0, live);
    closeables.add(subscription);
    for (int i = 0; i < 10; i++) {
      writer.append(token(run, "write", 1, "a" + i));
    }
    eventually().until(() -> live.size() == 10);
    subscription.close();
    long seen = live.lastSeq();

    for (int i = 0; i < 5; i++) {
      writer.append(token(run, "write", 1, "b" + i));
    }
    RecordingListener resumed = new RecordingListener();
    closeables.add(otherReader.subscribe(run, seen, resumed));
    writer.append(token(run, "write", 1, "c"));
    eventually().until(() -> resumed.size() == 6);

    assertThat(live.gapsAt()).isEmpty();
    assertThat(resumed.gapsAt()).isEmpty();
    assertThat(resumed.seqs()).isEqualTo(LongStream.rangeClosed(seen + 1, seen + 6).boxed().toList());
    assertThat(resumed.events().get(5).payload()).isEqualTo(new StepToken(0, "c"));
    assertThat(reader.head(run)).isEqualTo(writer.head(run)).isEqualTo(seen + 6);
  }

  @Test
  void fansOutToAHundredSubscribersWithOneReaderLoopPerRun() {
    RedisStreamChannel writer = node();
    RedisStreamChannel channel = node();
    String run = newRun();
    String otherRun = newRun();
    List<RecordingListener> listeners = new ArrayList<>();
    List<Subscription> subscriptions = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      RecordingListener listener = new RecordingListener();
      listeners.add(listener);
      subscriptions.add(channel.subscribe(run, 0, listener));
    }
    RecordingListener otherListener = new RecordingListener();
    subscriptions.add(channel.subscribe(otherRun, 0, otherListener));
    for (int i = 0; i < 200; i++) {
      writer.append(token(run, "write", 1, "t" + i));
    }
    writer.append(token(otherRun, "write", 1, "other"));

    long head = writer.head(run);
    eventually().until(() -> listeners.stream().allMatch(listener -> listener.lastSeq() == head));
    for (RecordingListener listener : listeners) {
      assertThat(listener.seqs()).hasSize(200).doesNotHaveDuplicates().isSorted();
      assertThat(listener.gapsAt()).isEmpty();
    }
    eventually().until(() -> otherListener.size() == 1);
    assertThat(channel.activeReaders()).isEqualTo(2);
    assertThat(readerConnections(run)).isEqualTo(1);

    subscriptions.forEach(Subscription::close);
    assertThat(channel.activeReaders()).isZero();
    eventually().until(() -> readerConnections(run) == 0);
  }

  @Test
  void refusesEventsOfAnOlderAttemptOfAStepAndNeverDeliversThem() {
    RedisStreamChannel worker = node();
    RedisStreamChannel staleWorker = node();
    RedisStreamChannel api = node();
    String run = newRun();
    RecordingListener listener = new RecordingListener();
    closeables.add(api.subscribe(run, 0, listener));

    assertThat(worker.append(token(run, "research", 1, "one"))).isPositive();
    assertThat(worker.append(token(run, "research", 2, "two"))).isPositive();
    assertThat(staleWorker.append(token(run, "research", 1, "stale"))).isEqualTo(StreamChannel.REFUSED);
    assertThat(worker.append(token(run, "research", 2, "two again"))).isPositive();
    assertThat(staleWorker.append(token(run, "write", 1, "other step"))).isPositive();
    assertThat(staleWorker.append(EventDraft.ofRun(run, new RunStatusChanged(RunStatus.RUNNING)))).isPositive();
    assertThat(staleWorker.append(token(run, "research", 1, "still stale"))).isEqualTo(StreamChannel.REFUSED);
    assertThat(worker.append(token(run, "research", 3, "three"))).isPositive();

    eventually().until(() -> listener.size() == 6);
    assertThat(listener.events()).extracting(e -> e.payload() instanceof StepToken t ? t.text() : null)
        .containsExactly("one", "two", "two again", "other step", null, "three");
    assertThat(listener.gapsAt()).isEmpty();
  }

  @Test
  void reportsAGapAndDeliversFromTheOldestRetainedWhenResumingBeforeTheTrimmedRange() {
    RedisStreamChannel channel = node(settings(10, Duration.ofMinutes(30), Duration.ofHours(1)));
    String run = newRun();
    long firstSeq = channel.append(token(run, "write", 1, "first"));
    for (int i = 0; i < 299; i++) {
      channel.append(token(run, "write", 1, "t" + i));
    }
    long oldest = oldestRetained(run);
    long head = channel.head(run);
    assertThat(oldest).isGreaterThan(firstSeq + 1);

    RecordingListener fromTrimmed = new RecordingListener();
    closeables.add(channel.subscribe(run, firstSeq, fromTrimmed));
    RecordingListener fromStart = new RecordingListener();
    closeables.add(channel.subscribe(run, 0, fromStart));
    RecordingListener justBeforeOldest = new RecordingListener();
    closeables.add(channel.subscribe(run, oldest - 1, justBeforeOldest));

    for (RecordingListener listener : List.of(fromTrimmed, fromStart, justBeforeOldest)) {
      eventually().until(() -> listener.lastSeq() == head);
      assertThat(listener.seqs()).isEqualTo(LongStream.rangeClosed(oldest, head).boxed().toList());
    }
    assertThat(fromTrimmed.gapsAt()).containsExactly(0);
    assertThat(fromStart.gapsAt()).containsExactly(0);
    assertThat(justBeforeOldest.gapsAt()).isEmpty();
  }

  @Test
  void reportsAGapWhenResumingAboveTheHeadOrOnAStreamThatIsGone() {
    RedisStreamChannel channel = node();
    String run = newRun();
    long first = channel.append(token(run, "write", 1, "a"));
    channel.append(token(run, "write", 1, "b"));

    RecordingListener aboveHead = new RecordingListener();
    closeables.add(channel.subscribe(run, first + 100, aboveHead));
    eventually().until(() -> aboveHead.size() == 2);
    assertThat(aboveHead.gapsAt()).containsExactly(0);
    assertThat(aboveHead.seqs()).containsExactly(first, first + 1);

    RecordingListener gone = new RecordingListener();
    String goneRun = newRun();
    closeables.add(channel.subscribe(goneRun, first, gone));
    assertThat(gone.gapsAt()).containsExactly(0);
    long next = channel.append(token(goneRun, "write", 1, "new life"));
    eventually().until(() -> gone.size() == 1);
    assertThat(gone.seqs()).containsExactly(next);
    assertThat(gone.gapsAt()).containsExactly(0);
  }

  @Test
  void subscribingToARunBeforeItsFirstEventIsExact() {
    RedisStreamChannel channel = node();
    String run = newRun();
    RecordingListener listener = new RecordingListener();
    closeables.add(channel.subscribe(run, 0, listener));
    long first = channel.append(token(run, "write", 1, "a"));
    channel.append(token(run, "write", 1, "b"));
    eventually().until(() -> listener.size() == 2);
    assertThat(listener.seqs()).containsExactly(first, first + 1);
    assertThat(listener.gapsAt()).isEmpty();
  }

  @Test
  void trimsToAboutTheBoundAndExpiresTheRunAfterItsTerminalEvent() {
    RedisStreamChannel channel = node(settings(50, Duration.ofSeconds(1), Duration.ofHours(1)));
    String run = newRun();
    RunKeys keys = RunKeys.of(run);
    for (int i = 0; i < 500; i++) {
      channel.append(token(run, "write", 1, "t" + i));
    }
    // MAXLEN ~ trims whole stream nodes (100 entries by default), so "about" means within a node.
    assertThat(redis.xlen(keys.events())).isBetween(50L, 150L);
    for (String key : List.of(keys.meta(), keys.attempts(), keys.events())) {
      assertThat(redis.ttl(key)).as("idle TTL of %s", key).isBetween(3500L, 3600L);
    }

    channel.append(EventDraft.ofRun(run, new RunCompleted("done")));
    for (String key : List.of(keys.meta(), keys.attempts(), keys.events())) {
      assertThat(redis.pttl(key)).as("TTL after the end of %s", key).isBetween(1L, 1000L);
    }
    channel.append(token(run, "write", 1, "late"));
    assertThat(redis.pttl(keys.events())).as("a late event does not extend the run").isBetween(1L, 1000L);

    eventually().until(() -> redis.exists(keys.meta(), keys.attempts(), keys.events()) == 0);
    assertThat(channel.head(run)).isZero();
  }

  @Test
  void staysQuietlyUnavailableWhileRedisIsUnreachableAndWorksOnceItIsBack() {
    SwitchableTcpProxy proxy = relay();
    RedisStreamChannel channel = nodeBehind(proxy);
    RedisStreamChannel writer = node();
    String run = newRun();

    assertThat(channel.append(token(run, "write", 1, "lost"))).isEqualTo(StreamChannel.UNAVAILABLE);
    assertThat(channel.isAvailable()).isFalse();
    assertThat(channel.head(run)).isZero();
    RecordingListener listener = new RecordingListener();
    closeables.add(channel.subscribe(run, 0, listener));

    proxy.on();
    long first = writer.append(token(run, "write", 1, "a"));
    eventually().until(() -> channel.append(token(run, "write", 1, "b")) > 0);
    assertThat(channel.isAvailable()).isTrue();
    eventually().until(() -> listener.lastSeq() == channel.head(run));
    assertThat(listener.seqs().get(0)).isEqualTo(first);
    assertThat(listener.gapsAt()).as("the append lost while away shows as a hole before the next one")
        .containsExactly(1);
  }

  @Test
  void readersResumeFromTheirLastDeliveredEventAfterAnOutage() {
    SwitchableTcpProxy proxy = relay();
    proxy.on();
    RedisStreamChannel channel = nodeBehind(proxy);
    RedisStreamChannel writer = node();
    String run = newRun();
    RecordingListener listener = new RecordingListener();
    closeables.add(channel.subscribe(run, 0, listener));
    for (int i = 0; i < 5; i++) {
      writer.append(token(run, "write", 1, "before" + i));
    }
    eventually().until(() -> listener.size() == 5);

    proxy.off();
    for (int i = 0; i < 20; i++) {
      assertThat(channel.append(token(run, "write", 1, "lost" + i))).isEqualTo(StreamChannel.UNAVAILABLE);
      writer.append(token(run, "write", 1, "during" + i));
    }
    assertThat(channel.isAvailable()).isFalse();
    proxy.on();

    long head = writer.head(run);
    eventually().until(() -> listener.lastSeq() == head);
    assertThat(listener.seqs()).isEqualTo(LongStream.rangeClosed(head - 24, head).boxed().toList());
    assertThat(listener.gapsAt()).isEmpty();
    eventually().until(channel::probe);
  }

  @Test
  void anAppendLostWhileRedisWasAwayLeavesAHoleSoSubscribersResync() {
    SwitchableTcpProxy proxy = relay();
    proxy.on();
    RedisStreamChannel worker = nodeBehind(proxy);
    RedisStreamChannel api = node();
    String run = newRun();
    RecordingListener listener = new RecordingListener();
    closeables.add(api.subscribe(run, 0, listener));
    long before = worker.append(token(run, "write", 1, "a"));

    proxy.off();
    assertThat(worker.append(token(run, "write", 1, "lost"))).isEqualTo(StreamChannel.UNAVAILABLE);
    proxy.on();
    eventually().until(() -> worker.append(token(run, "write", 1, "c")) > 0);
    long after = worker.append(token(run, "write", 1, "d"));

    eventually().until(() -> listener.lastSeq() == after);
    assertThat(listener.seqs()).containsExactly(before, before + 2, before + 3);
    assertThat(listener.gapsAt()).as("the hole is reported before the event after it").containsExactly(1);
  }

  private static final RedisChannelSettings DEFAULTS_WITH_SHORT_TIMEOUT =
      new RedisChannelSettings(100_000, Duration.ofMinutes(30), Duration.ofHours(24), Duration.ofMillis(300));

  private static ConditionFactory eventually() {
    return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10));
  }

  private RedisStreamChannel node() {
    return node(DEFAULTS);
  }

  /** A TCP relay to the real Redis that a test can switch off and on; it starts off. */
  private SwitchableTcpProxy relay() {
    SwitchableTcpProxy proxy = SwitchableTcpProxy.toTestRedis();
    closeables.add(proxy);
    return proxy;
  }

  /** A node that reaches Redis only through {@code proxy}, with short timeouts. */
  private RedisStreamChannel nodeBehind(SwitchableTcpProxy proxy) {
    RedisStreamChannel channel = new RedisStreamChannel(proxy.url(), DEFAULTS_WITH_SHORT_TIMEOUT);
    channels.add(channel);
    return channel;
  }

  private RedisStreamChannel node(RedisChannelSettings settings) {
    RedisStreamChannel channel = new RedisStreamChannel(REDIS, settings);
    channels.add(channel);
    return channel;
  }

  private String newRun() {
    String run = "test-" + UUID.randomUUID();
    runs.add(run);
    return run;
  }

  private static RedisChannelSettings settings(int maxEvents, Duration afterEnd, Duration idle) {
    return new RedisChannelSettings(maxEvents, afterEnd, idle, Duration.ofSeconds(2));
  }

  private static EventDraft token(String run, String step, int attempt, String text) {
    return new EventDraft(run, step, attempt, new StepToken(0, text));
  }

  private static long oldestRetained(String run) {
    return RunKeys.seqOf(redis.xrange(RunKeys.of(run).events(), io.lettuce.core.Range.create("-", "+"),
        io.lettuce.core.Limit.from(1)).get(0).getId());
  }

  private static long readerConnections(String run) {
    String name = "name=" + RedisStreamChannel.readerClientName(run) + " ";
    return redis.clientList().lines().filter(line -> line.contains(name)).count();
  }
}
