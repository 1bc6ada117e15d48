package io.agentstream.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentstream.protocol.EventCodec;
import io.agentstream.protocol.EventDraft;
import io.agentstream.protocol.StepToken;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An append whose reply never comes back is applied at most once. When Redis ran the script but the
 * answer is slow (past the command timeout) or lost (the connection broke), the writer hears {@link
 * StreamChannel#UNAVAILABLE} and must not send it again, nor may the client library: Lettuce by
 * default re-sends, after reconnecting, every command still waiting for its reply, which would put
 * the same token text on the stream twice under two sequences (a duplicate that clients cannot tell
 * from new text). The relay in front of Redis lets the script run and holds its reply back.
 */
@RequiresRedis
class RedisAppendAtMostOnceTest {

  private static final Duration LONG_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final ExecutorService appender = Executors.newSingleThreadExecutor();
  private RedisClient adminClient;
  private RedisCommands<String, String> redis;
  private String run;

  @BeforeEach
  void connect() {
    adminClient = RedisClient.create(TestRedis.url());
    StatefulRedisConnection<String, String> connection = adminClient.connect();
    closeables.add(connection);
    redis = connection.sync();
    run = "at-most-once-" + UUID.randomUUID();
  }

  @AfterEach
  void cleanUp() throws Exception {
    appender.shutdownNow();
    RunKeys keys = RunKeys.of(run);
    redis.del(keys.meta(), keys.attempts(), keys.events());
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    adminClient.shutdown(0, 2, TimeUnit.SECONDS);
  }

  @Test
  void anAppendWhoseReplyWasLostToABrokenConnectionIsNotAppliedAgain() throws Exception {
    SwitchableTcpProxy proxy = relay();
    RedisStreamChannel worker = nodeBehind(proxy, LONG_TIMEOUT);
    long before = worker.append(token("before"));
    assertThat(before).isPositive();

    proxy.holdReplies();
    CompletableFuture<Long> inFlight =
        CompletableFuture.supplyAsync(() -> worker.append(token("in flight")), appender);
    await().atMost(LONG_TIMEOUT).until(() -> head() == before + 1);
    // Redis ran it; the reply is lost with the connection, and Redis is reachable again at once.
    proxy.off();
    proxy.on();

    assertThat(inFlight.get(2 * LONG_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
        .as("the writer cannot know it was applied")
        .isEqualTo(StreamChannel.UNAVAILABLE);
    await().atMost(LONG_TIMEOUT).until(() -> worker.append(token("after")) > 0);

    assertThat(streamedTexts()).containsExactly("before", "in flight", "after");
  }

  @Test
  void anAppendThatTimedOutIsNotAppliedAgainWhenItsReplyComesLate() {
    SwitchableTcpProxy proxy = relay();
    RedisStreamChannel worker = nodeBehind(proxy, SHORT_TIMEOUT);
    long before = worker.append(token("before"));
    assertThat(before).isPositive();

    proxy.holdReplies();
    assertThat(worker.append(token("slow"))).isEqualTo(StreamChannel.UNAVAILABLE);
    // Redis ran it all the same.
    await().atMost(LONG_TIMEOUT).until(() -> head() == before + 1);
    proxy.releaseReplies();
    await().atMost(LONG_TIMEOUT).until(() -> worker.append(token("after")) > 0);

    assertThat(streamedTexts()).containsExactly("before", "slow", "after");
  }

  private EventDraft token(String text) {
    return new EventDraft(run, "write", 1, new StepToken(0, text));
  }

  private long head() {
    String seq = redis.hget(RunKeys.of(run).meta(), "seq");
    return seq == null ? 0 : Long.parseLong(seq);
  }

  /** The token texts on the run's stream, in stream order. */
  private List<String> streamedTexts() {
    EventCodec json = EventCodec.json();
    return redis.xrange(RunKeys.of(run).events(), Range.create("-", "+")).stream()
        .map(entry -> ((StepToken) json.read(entry.getBody().get("e")).payload()).text())
        .toList();
  }

  private SwitchableTcpProxy relay() {
    SwitchableTcpProxy proxy = SwitchableTcpProxy.toTestRedis();
    closeables.add(proxy);
    proxy.on();
    return proxy;
  }

  private RedisStreamChannel nodeBehind(SwitchableTcpProxy proxy, Duration commandTimeout) {
    RedisStreamChannel channel =
        new RedisStreamChannel(
            proxy.url(),
            new RedisChannelSettings(
                100_000, Duration.ofMinutes(30), Duration.ofHours(1), commandTimeout));
    closeables.add(channel);
    return channel;
  }
}
