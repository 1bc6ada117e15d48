package io.agentstream.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A TCP relay to the real Redis that a test can switch off and on: off closes every relayed
 * connection and stops listening (a Redis that went away), on listens again on the same port (Redis
 * is back). This simulates an outage without touching the shared Redis.
 *
 * <p>It can also hold Redis's replies back ({@link #holdReplies()}): commands still reach Redis and
 * run, but their answers wait in the relay, which is how a command looks to a client whose reply is
 * slow or lost, the case where a client cannot know whether its command was applied.
 */
public final class SwitchableTcpProxy implements AutoCloseable {

  private final int port;
  private final String targetHost;
  private final int targetPort;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private ServerSocket server;
  private boolean holdingReplies;

  /** A relay to {@code 127.0.0.1:targetPort}; it starts off. */
  public SwitchableTcpProxy(int targetPort) {
    this("127.0.0.1", targetPort);
  }

  /** A relay to {@code targetHost:targetPort}; it starts off. */
  public SwitchableTcpProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.port = freePortBelowTheEphemeralRange();
  }

  /** A relay to the Redis the tests use ({@link TestRedis}); it starts off. */
  public static SwitchableTcpProxy toTestRedis() {
    return new SwitchableTcpProxy(TestRedis.host(), TestRedis.port());
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public synchronized void on() {
    if (server != null) {
      return;
    }
    // The port was just released: the kernel may take a moment before it can be bound again.
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (true) {
      try {
        ServerSocket listening = new ServerSocket();
        listening.setReuseAddress(true);
        listening.bind(new InetSocketAddress("127.0.0.1", port));
        server = listening;
        daemon("proxy-accept", () -> accept(listening));
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new UncheckedIOException(e);
        }
        sleep(20);
      }
    }
  }

  public synchronized void off() {
    if (server == null) {
      return;
    }
    closeQuietly(server);
    server = null;
    sockets.forEach(SwitchableTcpProxy::closeQuietly);
    sockets.clear();
    // The held replies die with their connections: the relay closed them before waking the pumps.
    releaseReplies();
  }

  /** From now on replies from Redis wait in the relay (commands still go through and run). */
  public synchronized void holdReplies() {
    holdingReplies = true;
  }

  /** Lets held replies, and the ones after them, go to the client again. */
  public synchronized void releaseReplies() {
    holdingReplies = false;
    notifyAll();
  }

  private synchronized void awaitReplyRelease() throws IOException {
    while (holdingReplies) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
  }

  @Override
  public void close() {
    off();
  }

  private void accept(ServerSocket listening) {
    while (!listening.isClosed()) {
      try {
        Socket client = listening.accept();
        Socket upstream = new Socket(targetHost, targetPort);
        sockets.add(client);
        sockets.add(upstream);
        daemon("proxy-up", () -> pump(client, upstream, false));
        daemon("proxy-down", () -> pump(upstream, client, true));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, boolean replies) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        if (replies) {
          awaitReplyRelease();
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side closed; close both below
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  /**
   * A port outside the ephemeral range: a client that keeps reconnecting to a closed ephemeral port
   * can end up connected to itself (TCP self-connect) and hold the port.
   */
  private static int freePortBelowTheEphemeralRange() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 100; attempt++) {
      int candidate = random.nextInt(20_000, 32_000);
      try (ServerSocket probe = new ServerSocket()) {
        probe.setReuseAddress(true);
        probe.bind(new InetSocketAddress("127.0.0.1", candidate));
        return candidate;
      } catch (IOException e) {
        // taken, try another
      }
    }
    throw new IllegalStateException("no free port for the proxy");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // already closed
    }
  }
}
