package io.agentstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.protocol.EventDraft;
import io.agentstream.protocol.RunCompleted;
import io.agentstream.protocol.StepToken;
import io.agentstream.stream.StreamChannel.Subscription;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Redis channel passes the contract against a real Redis ({@link TestRedis}), and what only
 * Redis has is tested here: several nodes on one stream, one reader per run, waking a blocked read,
 * expiry by TTL, and outages (a {@link SwitchableTcpProxy} in front of Redis, so the shared Redis
 * itself is never stopped). Every case uses run ids of its own and deletes their keys.
 */
@RequiresRedis
class RedisStreamChannelTest extends StreamChannelContract {

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration SHORT_COMMAND_TIMEOUT = Duration.ofMillis(300);
  private static final Duration IDLE_RETENTION = Duration.ofHours(1);

  private static RedisClient adminClient;
  private static StatefulRedisConnection<String, String> adminConnection;
  private static RedisCommands<String, String> redis;

  @BeforeAll
  static void connect() {
    adminClient = RedisClient.create(TestRedis.url());
    adminConnection = adminClient.connect();
    redis = adminConnection.sync();
  }

  @AfterAll
  static void disconnect() {
    adminConnection.close();
    adminClient.shutdown(0, 2, TimeUnit.SECONDS);
  }

  @Override
  protected StreamChannel newChannel(ChannelLimits limits) {
    return new RedisStreamChannel(
        TestRedis.url(),
        new RedisChannelSettings(
            limits.maxEventsPerRun(), limits.retentionAfterEnd(), IDLE_RETENTION, COMMAND_TIMEOUT));
  }

  @Override
  protected void forget(String runId) {
    RunKeys keys = RunKeys.of(runId);
    redis.del(keys.meta(), keys.attempts(), keys.events());
  }

  @Test
  void deliversAcrossNodesAndResumesOnAnotherNode() {
    RedisStreamChannel writer = node();
    RedisStreamChannel reader = node();
    RedisStreamChannel otherReader = node();
    String run = newRun();

    RecordingListener live = new RecordingListener();
    Subscription subscription = closeAfter(reader.subscribe(run, 0, live));
    for (int i = 0; i < 10; i++) {
      writer.append(token(run, "write", 1, "a" + i));
    }
    eventually().until(() -> live.size() == 10);
    subscription.close();
    long seen = live.lastSeq();

    for (int i = 0; i < 5; i++) {
      writer.append(token(run, "write", 1, "b" + i));
    }
    RecordingListener resumed = subscribe(otherReader, run, seen);
    writer.append(token(run, "write", 1, "c"));
    eventually().until(() -> resumed.size() == 6);

    assertThat(live.gapsAt()).isEmpty();
    assertThat(resumed.gapsAt()).isEmpty();
    assertThat(resumed.seqs())
        .isEqualTo(LongStream.rangeClosed(seen + 1, seen + 6).boxed().toList());
    assertThat(resumed.events().get(5).payload()).isEqualTo(new StepToken(0, "c"));
    assertThat(reader.head(run)).isEqualTo(writer.head(run)).isEqualTo(seen + 6);
  }

  @Test
  void fencesAStaleWorkerOnAnotherNode() {
    RedisStreamChannel worker = node();
    RedisStreamChannel staleWorker = node();
    String run = newRun();
    assertThat(worker.append(token(run, "research", 2, "retry"))).isPositive();
    assertThat(staleWorker.append(token(run, "research", 1, "zombie")))
        .isEqualTo(StreamChannel.REFUSED);
    assertThat(staleWorker.append(token(run, "write", 1, "another step"))).isPositive();
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
      subscriptions.add(closeAfter(channel.subscribe(run, 0, listener)));
    }
    RecordingListener otherListener = new RecordingListener();
    subscriptions.add(closeAfter(channel.subscribe(otherRun, 0, otherListener)));
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
  void aSubscriberBehindTheBlockedReadIsServedAtOnceNotAfterTheBlockTimeout() {
    RedisStreamChannel channel = node();
    String run = newRun();
    for (int i = 0; i < 10; i++) {
      channel.append(token(run, "write", 1, "t" + i));
    }
    subscribe(channel, run, channel.head(run));
    eventually().until(() -> readerIsBlocked(run));

    long start = System.nanoTime();
    RecordingListener fromStart = subscribe(channel, run, 0);
    eventually().until(() -> fromStart.size() == 10);
    Duration waited = Duration.ofNanos(System.nanoTime() - start);
    assertThat(waited)
        .as("CLIENT UNBLOCK woke the reader's XREAD")
        .isLessThan(RunReader.BLOCK.dividedBy(2));
    assertThat(fromStart.gapsAt()).isEmpty();
  }

  @Test
  void expiresARunsKeysAfterItsTerminalEventAndALateEventDoesNotExtendThem() {
    RedisStreamChannel channel =
        node(new RedisChannelSettings(50, Duration.ofSeconds(1), IDLE_RETENTION, COMMAND_TIMEOUT));
    String run = newRun();
    RunKeys keys = RunKeys.of(run);
    for (int i = 0; i < 500; i++) {
      channel.append(token(run, "write", 1, "t" + i));
    }
    // MAXLEN ~ trims whole stream nodes (at most 100 entries each), so "about" means within a node.
    assertThat(redis.xlen(keys.events())).isBetween(50L, 150L);
    for (String key : List.of(keys.meta(), keys.attempts(), keys.events())) {
      assertThat(redis.ttl(key)).as("idle TTL of %s", key).isBetween(3500L, 3600L);
    }

    channel.append(EventDraft.ofRun(run, new RunCompleted("done")));
    for (String key : List.of(keys.meta(), keys.attempts(), keys.events())) {
      assertThat(redis.pttl(key)).as("TTL after the end of %s", key).isBetween(1L, 1000L);
    }
    channel.append(token(run, "write", 1, "late"));
    assertThat(redis.pttl(keys.events()))
        .as("a late event does not extend the run")
        .isBetween(1L, 1000L);

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
    assertThat(channel.unavailableReason()).isNotBlank();
    assertThat(channel.head(run)).isZero();
    RecordingListener listener = subscribe(channel, run, 0);

    proxy.on();
    long first = writer.append(token(run, "write", 1, "a"));
    eventually().until(() -> channel.append(token(run, "write", 1, "b")) > 0);
    assertThat(channel.isAvailable()).isTrue();
    assertThat(channel.unavailableReason()).isNull();
    eventually().until(() -> listener.lastSeq() == channel.head(run));
    assertThat(listener.seqs().get(0)).isEqualTo(first);
    assertThat(listener.gapsAt())
        .as("the append lost while away shows as a hole before the next one")
        .containsExactly(1);
  }

  @Test
  void readersResumeFromTheirLastDeliveredEventAfterAnOutage() {
    SwitchableTcpProxy proxy = relay();
    proxy.on();
    RedisStreamChannel channel = nodeBehind(proxy);
    RedisStreamChannel writer = node();
    String run = newRun();
    RecordingListener listener = subscribe(channel, run, 0);
    for (int i = 0; i < 5; i++) {
      writer.append(token(run, "write", 1, "before" + i));
    }
    eventually().until(() -> listener.size() == 5);

    proxy.off();
    for (int i = 0; i < 20; i++) {
      assertThat(channel.append(token(run, "write", 1, "lost" + i)))
          .isEqualTo(StreamChannel.UNAVAILABLE);
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
    RecordingListener listener = subscribe(api, run, 0);
    long before = worker.append(token(run, "write", 1, "a"));

    proxy.off();
    assertThat(worker.append(token(run, "write", 1, "lost"))).isEqualTo(StreamChannel.UNAVAILABLE);
    proxy.on();
    eventually().until(() -> worker.append(token(run, "write", 1, "c")) > 0);
    long after = worker.append(token(run, "write", 1, "d"));

    eventually().until(() -> listener.lastSeq() == after);
    assertThat(listener.seqs()).containsExactly(before, before + 2, before + 3);
    assertThat(listener.gapsAt())
        .as("the hole is reported before the event after it")
        .containsExactly(1);
  }

  private RedisStreamChannel node() {
    return (RedisStreamChannel) channel();
  }

  private RedisStreamChannel node(RedisChannelSettings settings) {
    return closeAfter(new RedisStreamChannel(TestRedis.url(), settings));
  }

  /** A TCP relay to the real Redis that a test can switch off and on; it starts off. */
  private SwitchableTcpProxy relay() {
    return closeAfter(SwitchableTcpProxy.toTestRedis());
  }

  /** A node that reaches Redis only through {@code proxy}, with short timeouts. */
  private RedisStreamChannel nodeBehind(SwitchableTcpProxy proxy) {
    return closeAfter(
        new RedisStreamChannel(
            proxy.url(),
            new RedisChannelSettings(
                100_000, Duration.ofMinutes(30), IDLE_RETENTION, SHORT_COMMAND_TIMEOUT)));
  }

  private static List<String> readerClients(String run) {
    String name = "name=" + RedisStreamChannel.readerClientName(run) + " ";
    return redis.clientList().lines().filter(line -> line.contains(name)).toList();
  }

  private static long readerConnections(String run) {
    return readerClients(run).size();
  }

  /** True while the run's reader waits in its blocking {@code XREAD} ({@code flags=b}). */
  private static boolean readerIsBlocked(String run) {
    return readerClients(run).stream()
        .anyMatch(line -> line.contains(" flags=b ") && line.contains("cmd=xread"));
  }
}
