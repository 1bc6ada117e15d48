package io.agentstream.api.stream;

import io.agentstream.stream.StopRequest;
import io.agentstream.stream.StreamChannel.Subscription;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stop requests across nodes: the API node that takes finish-now or cancel publishes on the run's
 * control channel, and whichever worker runs the run's steps hears it. One pub/sub connection per
 * node carries the channels of all runs that have running steps here; handlers are kept per run.
 *
 * <p>Pub/sub keeps nothing, which is right for a fast path: the durable path (the workflow signal
 * or cancellation) still reaches the step. A keeper re-subscribes after Redis comes back, since the
 * connection does not reconnect by itself.
 */
final class StopSignals implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StopSignals.class);

  private final RedisLink<StatefulRedisPubSubConnection<String, String>> subscriber;
  private final RedisLink<StatefulRedisConnection<String, String>> publisher;
  private final Availability availability;
  private final Duration timeout;
  private final Map<String, List<Consumer<StopRequest>>> handlers = new ConcurrentHashMap<>();
  private final ScheduledExecutorService keeper;

  StopSignals(
      Supplier<StatefulRedisPubSubConnection<String, String>> connect,
      RedisLink<StatefulRedisConnection<String, String>> publisher,
      Availability availability,
      Duration timeout,
      Duration reconnectInterval) {
    this.subscriber = new RedisLink<>(connect, this::onConnect, reconnectInterval);
    this.publisher = publisher;
    this.availability = availability;
    this.timeout = timeout;
    this.keeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "redis-stop-signals");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(100, reconnectInterval.toMillis());
    keeper.scheduleWithFixedDelay(this::keepSubscribed, every, every, TimeUnit.MILLISECONDS);
  }

  /** Publishes; if Redis cannot take it, at least this node's own steps are told. */
  void request(String runId, StopRequest request) {
    try {
      publisher.get().sync().publish(RunKeys.of(runId).control(), request.name());
      availability.succeeded();
    } catch (RuntimeException e) {
      availability.failed(e);
      dispatch(runId, request);
    }
  }

  /** Once this returns with Redis available, stop requests for the run reach {@code handler}. */
  Subscription on(String runId, Consumer<StopRequest> handler) {
    String channel = RunKeys.of(runId).control();
    connectQuietly();
    AtomicReference<RedisFuture<Void>> subscribing = new AtomicReference<>();
    // Subscribing inside compute orders SUBSCRIBE and UNSUBSCRIBE of one run on the connection.
    handlers.compute(runId, (id, list) -> {
      List<Consumer<StopRequest>> updated = list != null ? list : new CopyOnWriteArrayList<>();
      updated.add(handler);
      if (list == null) {
        subscribing.set(command(c -> c.async().subscribe(channel)));
      }
      return updated;
    });
    await(subscribing.get());
    AtomicBoolean closed = new AtomicBoolean();
    return () -> {
      if (closed.compareAndSet(false, true)) {
        remove(runId, channel, handler);
      }
    };
  }

  @Override
  public void close() {
    keeper.shutdownNow();
    subscriber.close();
  }

  private void remove(String runId, String channel, Consumer<StopRequest> handler) {
    handlers.computeIfPresent(runId, (id, list) -> {
      list.remove(handler);
      if (!list.isEmpty()) {
        return list;
      }
      command(c -> c.async().unsubscribe(channel));
      return null;
    });
  }

  private void dispatch(String runId, StopRequest request) {
    for (Consumer<StopRequest> handler : handlers.getOrDefault(runId, List.of())) {
      try {
        handler.accept(request);
      } catch (RuntimeException e) {
        log.warn("run {}: a stop handler failed", runId, e);
      }
    }
  }

  /** Runs a command on the open connection, if there is one; the keeper covers the rest. */
  private RedisFuture<Void> command(
      Function<StatefulRedisPubSubConnection<String, String>, RedisFuture<Void>> call) {
    try {
      return subscriber.isOpen() ? call.apply(subscriber.get()) : null;
    } catch (RuntimeException e) {
      availability.failed(e);
      return null;
    }
  }

  private void await(RedisFuture<Void> future) {
    if (future == null) {
      return;
    }
    try {
      future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      availability.failed(e);
    }
  }

  private void keepSubscribed() {
    if (!handlers.isEmpty() && !subscriber.isOpen()) {
      connectQuietly();
    }
  }

  private void connectQuietly() {
    try {
      subscriber.get();
    } catch (RuntimeException e) {
      availability.failed(e);
    }
  }

  private void onConnect(StatefulRedisPubSubConnection<String, String> connection) {
    connection.addListener(new RedisPubSubAdapter<>() {
      @Override
      public void message(String channel, String message) {
        String runId = RunKeys.runIdOfControl(channel);
        if (runId == null) {
          return;
        }
        try {
          dispatch(runId, StopRequest.valueOf(message));
        } catch (IllegalArgumentException e) {
          log.warn("run {}: unknown stop request '{}' ignored", runId, message);
        }
      }
    });
    String[] channels = handlers.keySet().stream().map(id -> RunKeys.of(id).control()).toArray(String[]::new);
    if (channels.length > 0) {
      connection.sync().subscribe(channels);
    }
  }
}
