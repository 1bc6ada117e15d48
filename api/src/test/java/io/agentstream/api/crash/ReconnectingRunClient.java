package io.agentstream.api.crash;

import io.agentstream.api.client.RunView;
import io.agentstream.api.client.SseClient;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Follows one run like a browser's EventSource: on a dropped connection it reconnects after a
 * short pause with {@code Last-Event-ID}; when the reducer detects a gap it reconnects without an
 * id to get a fresh snapshot. Every event is applied to a {@link RunView} in order.
 */
final class ReconnectingRunClient implements Runnable {

  /** An event as received, with its arrival time. */
  record Arrival(long arrivedNanos, Map<String, Object> event) {}

  final String runId;
  final RunView view = new RunView();
  final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
  volatile int connections;
  volatile int gaps;
  private final URI events;
  private final Consumer<Map<String, Object>> onEvent;
  private final SseClient sse = new SseClient();
  private volatile boolean done;
  private volatile Throwable failure;

  ReconnectingRunClient(String base, String runId, Consumer<Map<String, Object>> onEvent) {
    this.runId = runId;
    this.events = URI.create(base + "/api/runs/" + runId + "/events");
    this.onEvent = onEvent;
  }

  @Override
  public void run() {
    String lastId = null;
    while (!done) {
      try {
        connections++;
        String from = lastId;
        SseClient.Outcome outcome = sse.read(events, from, e -> {
          arrivals.add(new Arrival(e.arrivedNanos(), e.data()));
          view.apply(e.data());
          onEvent.accept(e.data());
          return false;
        });
        if (outcome.status() == 204 || view.isTerminal()) {
          done = true;
          return;
        }
        lastId = Long.toString(view.lastSeq);
      } catch (RunView.GapException e) {
        gaps++;
        lastId = null;
      } catch (java.io.IOException e) {
        lastId = view.lastSeq > 0 ? Long.toString(view.lastSeq) : null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        failure = e;
        return;
      }
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  boolean isDone() {
    return done;
  }

  Throwable failure() {
    return failure;
  }
}
