package io.agentstream.client;

import io.agentstream.protocol.RunEvent;
import io.agentstream.protocol.RunView;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Follows one run's stream the way a browser's EventSource does, and a little better: after a
 * dropped connection it reconnects with {@code Last-Event-ID} (the id of the last event applied),
 * and when the reducer answers {@code RESYNC} it reconnects without an id to get a fresh snapshot.
 * It stops when the run ends (a terminal event, or {@code 204} on reconnect), when the run does not
 * exist, or when closed.
 */
public final class RunFollower implements Runnable, AutoCloseable {

  private final AgentstreamClient client;
  private final String runId;
  private final RunListener listener;
  private final RunView view = new RunView();
  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile boolean closed;
  private volatile InputStream open;
  private volatile RuntimeException failure;
  private volatile int connections;
  private volatile int resyncs;

  RunFollower(AgentstreamClient client, String runId, RunListener listener) {
    this.client = client;
    this.runId = runId;
    this.listener = listener;
  }

  @Override
  public void run() {
    Long lastEventId = null;
    try {
      while (!closed) {
        connections++;
        listener.onConnect(connections, lastEventId);
        try {
          Connection result = readOnce(lastEventId);
          if (result == Connection.RUN_ENDED) {
            return;
          }
          if (result == Connection.RESYNC) {
            resyncs++;
            lastEventId = null;
            continue;
          }
        } catch (IOException e) {
          if (closed) {
            return;
          }
          listener.onDisconnect(e);
        }
        lastEventId = view.needsResync() || view.lastEventId() == 0 ? null : view.lastEventId();
        Thread.sleep(client.reconnectDelay().toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      ended.countDown();
    }
  }

  private enum Connection {
    RUN_ENDED,
    RESYNC,
    DROPPED
  }

  private Connection readOnce(Long lastEventId) throws IOException, InterruptedException {
    HttpResponse<InputStream> response = client.openEvents(runId, lastEventId);
    try (InputStream body = response.body()) {
      open = body;
      if (response.statusCode() == 204) {
        return Connection.RUN_ENDED;
      }
      if (response.statusCode() != 200) {
        String problem = new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (response.statusCode() >= 500) {
          throw new IOException("HTTP " + response.statusCode() + ": " + problem);
        }
        throw AgentstreamClient.problem(response.statusCode(), problem);
      }
      ServerSentEventReader reader = new ServerSentEventReader(body);
      ServerSentEvent sse;
      while (!closed && (sse = reader.next()) != null) {
        RunEvent event = client.codec().read(sse.data());
        RunView.Outcome outcome = view.apply(event);
        listener.onEvent(event, outcome, view);
        if (outcome == RunView.Outcome.RESYNC) {
          return Connection.RESYNC;
        }
        if (view.isTerminal()) {
          return Connection.RUN_ENDED;
        }
      }
      return Connection.DROPPED;
    } finally {
      open = null;
    }
  }

  /**
   * Waits until the run ends and returns the final view.
   *
   * @throws TimeoutException when the run has not ended within {@code timeout}
   * @throws AgentstreamException when following failed (for example, no such run)
   */
  public RunView awaitEnd(Duration timeout) throws InterruptedException, TimeoutException {
    if (!ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new TimeoutException("run " + runId + " did not end within " + timeout);
    }
    if (failure != null) {
      throw failure;
    }
    return view;
  }

  /** True once the follower stopped (the run ended, it failed, or it was closed). */
  public boolean isDone() {
    return ended.getCount() == 0;
  }

  /** Connections opened so far (1 plus reconnects). */
  public int connections() {
    return connections;
  }

  /** Times the reducer asked for a fresh snapshot. */
  public int resyncs() {
    return resyncs;
  }

  /** Stops following; the view keeps what it had. */
  @Override
  public void close() {
    closed = true;
    InputStream stream = open;
    if (stream != null) {
      try {
        stream.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
