package io.agentstream.stream;

import io.agentstream.protocol.EventCodec;
import io.agentstream.protocol.EventDraft;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.UnblockType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live channel shared by all nodes: one Redis Stream per run, entry ids {@code <seq>-0}, so the
 * SSE {@code id} is the stream position and resuming is a plain {@code XREAD} after it.
 *
 * <p>Lettuce rather than Jedis: one thread-safe, multiplexed connection serves every appending step
 * without a pool, and only the blocking reads get connections of their own.
 *
 * <ul>
 *   <li>{@link #append} is one Lua script ({@code append.lua}): sequence, per-step fencing, {@code
 *       XADD MAXLEN ~} and expiry happen atomically, so two workers of the same step cannot
 *       interleave a stale attempt.
 *   <li>{@link #subscribe} fans out: this node runs one {@link RunReader} per run with listeners,
 *       whatever their number.
 * </ul>
 *
 * <p>Redis is an accelerator here, never the truth: when it fails or is slow (beyond the settings'
 * {@code commandTimeout}) appends return {@link #UNAVAILABLE} at once, the outage is logged once,
 * and readers retry until it is back. Clients resync from snapshots.
 */
public final class RedisStreamChannel implements StreamChannel, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RedisStreamChannel.class);
  private static final LuaScript APPEND = LuaScript.load("append.lua", ScriptOutputType.INTEGER);
  private static final Duration RECONNECT_INTERVAL = Duration.ofMillis(500);
  private static final int WAKE_ATTEMPTS = 50;
  private static final int MAX_RUNS_WITH_LOST_EVENTS = 10_000;
  private static final long REPROBE_INTERVAL_NANOS = 500_000_000L;

  private final RedisClient client;
  private final RedisURI uri;
  private final RedisChannelSettings settings;
  private final Clock clock;
  private final Availability availability = new Availability();
  private volatile long lastProbe;
  private final EventCodec json = EventCodec.json();
  private final RedisLink<StatefulRedisConnection<String, String>> shared;
  private final Map<String, RunReader> readers = new ConcurrentHashMap<>();
  private final Set<String> runsWithLostEvents = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * @param redisUrl e.g. {@code redis://127.0.0.1:6379}
   * @param settings trimming, retention and timeouts
   */
  public RedisStreamChannel(String redisUrl, RedisChannelSettings settings) {
    this(redisUrl, settings, Clock.systemUTC());
  }

  public RedisStreamChannel(String redisUrl, RedisChannelSettings settings, Clock clock) {
    this(RedisURI.create(redisUrl), null, settings, clock);
  }

  /**
   * @param uri the Redis (or the sentinels of its master), with credentials, database and TLS flag
   * @param ssl trust and key material for TLS; {@code null} uses the JVM's defaults
   * @param settings trimming, retention and timeouts
   */
  public RedisStreamChannel(
      RedisURI uri, SslOptions ssl, RedisChannelSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.uri = uri;
    this.client = RedisClient.create();
    // No auto-reconnect: besides failing fast (RedisLink), it keeps appends at most once. Lettuce
    // would re-send, once reconnected, every command still awaiting its reply, and an append that
    // Redis ran but whose reply was lost would be on the stream twice (RedisAppendAtMostOnceTest).
    ClientOptions.Builder options =
        ClientOptions.builder()
            .autoReconnect(false)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(
                SocketOptions.builder().connectTimeout(settings.commandTimeout()).build());
    if (ssl != null) {
      options.sslOptions(ssl);
    }
    this.client.setOptions(options.build());
    this.shared =
        new RedisLink<>(
            () -> client.connect(withTimeout(settings.commandTimeout(), "agentstream-channel")),
            c -> {},
            RECONNECT_INTERVAL);
  }

  @Override
  public long append(EventDraft draft) {
    if (closed) {
      return UNAVAILABLE;
    }
    String event;
    try {
      event = json.writeWithoutSeq(draft, clock.millis());
    } catch (IllegalArgumentException e) {
      log.warn("run {}: {} event not streamed: {}", draft.runId(), draft.type(), e.getMessage());
      return UNAVAILABLE;
    }
    RunKeys keys = RunKeys.of(draft.runId());
    boolean lostBefore = runsWithLostEvents.contains(draft.runId());
    try {
      Long seq =
          APPEND.run(
              shared.get().sync(),
              new String[] {keys.meta(), keys.attempts(), keys.events()},
              draft.step() == null ? "" : draft.step(),
              Integer.toString(draft.attempt()),
              event,
              Integer.toString(settings.maxEventsPerRun()),
              draft.isTerminal() ? "1" : "0",
              seconds(settings.retentionAfterEnd()),
              seconds(settings.idleRetention()),
              lostBefore ? "1" : "0");
      availability.succeeded();
      if (lostBefore && seq > 0) {
        runsWithLostEvents.remove(draft.runId());
      }
      return seq;
    } catch (RuntimeException e) {
      availability.failed(e);
      rememberLostEvent(draft.runId());
      return UNAVAILABLE;
    }
  }

  /**
   * An event that never reached the stream would go unnoticed by subscribers, since sequences stay
   * contiguous. So the run's next append skips a sequence: the hole makes every subscriber get
   * {@code onGap()} and resync. Bounded: in a very long outage with very many runs the marks are
   * dropped rather than growing without limit.
   */
  private void rememberLostEvent(String runId) {
    if (runsWithLostEvents.size() >= MAX_RUNS_WITH_LOST_EVENTS) {
      runsWithLostEvents.clear();
    }
    runsWithLostEvents.add(runId);
  }

  /**
   * Decides the resume point here, on the caller's thread, so {@code onGap()} is reported before
   * this returns (as the in-memory channel does); if Redis cannot be asked now, the run's reader
   * decides once it can. Everything after that is delivered by the run's reader.
   */
  @Override
  public Subscription subscribe(String runId, long afterSeq, StreamListener listener) {
    RunSubscriber subscriber = new RunSubscriber(runId, listener, afterSeq);
    if (!closed) {
      try {
        subscriber.admit(StreamPosition.read(shared.get().sync(), RunKeys.of(runId)));
        availability.succeeded();
      } catch (RuntimeException e) {
        availability.failed(e);
      }
    }
    if (closed) {
      return () -> {};
    }
    RunReader reader =
        readers.compute(
            runId,
            (id, existing) -> {
              RunReader r = existing != null ? existing : newReader(id);
              r.add(subscriber);
              return r;
            });
    wake(reader, subscriber);
    AtomicBoolean open = new AtomicBoolean(true);
    return () -> {
      if (open.compareAndSet(true, false)) {
        unsubscribe(runId, reader, subscriber);
      }
    };
  }

  @Override
  public long head(String runId) {
    if (closed) {
      return 0;
    }
    try {
      String seq = shared.get().sync().hget(RunKeys.of(runId).meta(), "seq");
      availability.succeeded();
      return seq == null ? 0 : Long.parseLong(seq);
    } catch (RuntimeException e) {
      availability.failed(e);
      return 0;
    }
  }

  /**
   * Whether Redis answered the last command; changes are logged once each way. While Redis is down,
   * asking re-probes it (at most every half second), so a node that only reads, such as an API node
   * whose clients are polling snapshots, notices soon that Redis is back.
   */
  @Override
  public boolean isAvailable() {
    if (!availability.isAvailable() && System.nanoTime() - lastProbe > REPROBE_INTERVAL_NANOS) {
      lastProbe = System.nanoTime();
      return probe();
    }
    return availability.isAvailable();
  }

  /** Why Redis is unavailable, or null when it is available. */
  public String unavailableReason() {
    return availability.problem();
  }

  /** Asks Redis now ({@code PING}) instead of relying on the last command, e.g. for health. */
  public boolean probe() {
    try {
      shared.get().sync().ping();
      availability.succeeded();
    } catch (RuntimeException e) {
      availability.failed(e);
    }
    return availability.isAvailable();
  }

  /** Runs with a read loop on this node; one per run however many listeners it has. */
  int activeReaders() {
    return readers.size();
  }

  /** The Redis client name of a run's reader connection (visible in {@code CLIENT LIST}). */
  static String readerClientName(String runId) {
    return "agentstream-reader-" + runId.replaceAll("[^A-Za-z0-9._:-]", "_");
  }

  /** Stops every reader and closes all connections. */
  @Override
  public void close() {
    closed = true;
    List<RunReader> stopping = new ArrayList<>(readers.values());
    readers.clear();
    stopping.forEach(RunReader::stop);
    for (RunReader reader : stopping) {
      try {
        reader.awaitStop(Duration.ofSeconds(1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    shared.close();
    client.shutdown(0, 2, TimeUnit.SECONDS);
  }

  private RunReader newReader(String runId) {
    RedisURI readerUri =
        withTimeout(RunReader.BLOCK.plus(settings.commandTimeout()), readerClientName(runId));
    RunReader reader =
        new RunReader(
            runId, () -> client.connect(readerUri), RECONNECT_INTERVAL, json, availability);
    reader.start();
    return reader;
  }

  private void unsubscribe(String runId, RunReader reader, RunSubscriber subscriber) {
    subscriber.close();
    AtomicBoolean last = new AtomicBoolean();
    readers.computeIfPresent(
        runId,
        (id, current) -> {
          if (current != reader || !current.remove(subscriber)) {
            return current;
          }
          last.set(true);
          return null;
        });
    if (last.get()) {
      reader.stop();
    }
  }

  /**
   * Interrupts the reader's blocking read when it cannot serve the newcomer, so replay starts now
   * rather than after the block timeout. {@code CLIENT UNBLOCK} finds nothing to unblock when the
   * read is still on its way to Redis, hence the short retry while the reader still reads past it.
   */
  private void wake(RunReader reader, RunSubscriber subscriber) {
    for (int i = 0; i < WAKE_ATTEMPTS && reader.mustWakeFor(subscriber); i++) {
      long id = reader.clientId();
      if (id < 0) {
        return;
      }
      try {
        if (shared.get().sync().clientUnblock(id, UnblockType.TIMEOUT) == 1) {
          return;
        }
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        return;
      }
    }
  }

  private RedisURI withTimeout(Duration timeout, String clientName) {
    return RedisURI.builder(uri).withTimeout(timeout).withClientName(clientName).build();
  }

  private static String seconds(Duration duration) {
    return Long.toString(Math.max(1, duration.toSeconds()));
  }
}
