package io.agentstream.api.crash;

import io.agentstream.api.client.StreamedRun;
import io.agentstream.client.AgentstreamClient;
import io.agentstream.client.RunFollower;
import io.agentstream.client.RunListener;
import io.agentstream.protocol.EventCodec;
import io.agentstream.protocol.RunEvent;
import io.agentstream.protocol.RunView;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Follows one run with the Java client ({@link AgentstreamClient#follow}), which reconnects like a
 * browser's EventSource with {@code Last-Event-ID} and resyncs without an id when the reducer asks.
 * Every event is also applied to a {@link StreamedRun}, which records what the deltas built.
 */
final class ReconnectingRunClient implements AutoCloseable {

  /**
   * An event as received (as plain JSON data, for checks of the raw fields), with its arrival time.
   */
  record Arrival(long arrivedNanos, Map<String, Object> event) {}

  final String runId;
  final StreamedRun view = new StreamedRun();
  final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
  private final RunFollower follower;

  ReconnectingRunClient(String base, String runId, Consumer<RunEvent> onEvent) {
    this.runId = runId;
    AgentstreamClient client =
        AgentstreamClient.builder(URI.create(base)).reconnectDelay(Duration.ofMillis(300)).build();
    this.follower =
        client.follow(
            runId,
            new RunListener() {
              @Override
              @SuppressWarnings("unchecked")
              public void onEvent(RunEvent event, RunView.Outcome outcome, RunView followerView) {
                arrivals.add(
                    new Arrival(
                        System.nanoTime(),
                        EventCodec.json().readValue(EventCodec.json().write(event), Map.class)));
                if (outcome == RunView.Outcome.OK) {
                  view.apply(event);
                  onEvent.accept(event);
                }
              }
            });
  }

  int connections() {
    return follower.connections();
  }

  int gaps() {
    return follower.resyncs();
  }

  boolean isDone() {
    return follower.isDone();
  }

  /** Why following failed, or null. */
  Throwable failure() {
    try {
      if (follower.isDone()) {
        follower.awaitEnd(Duration.ZERO);
      }
      return null;
    } catch (Exception | AssertionError e) {
      return e;
    }
  }

  @Override
  public void close() {
    follower.close();
  }
}
