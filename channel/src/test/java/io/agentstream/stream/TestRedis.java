package io.agentstream.stream;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The Redis that tests run against: {@code 127.0.0.1:6379} unless the system property {@code
 * agentstream.test.redis} says another {@code host:port} (pointing it at a closed port shows the
 * skip reason of {@link RequiresRedis}). {@code .ci/run} starts a Redis on the default address.
 */
public final class TestRedis {

  private static final String ADDRESS =
      System.getProperty("agentstream.test.redis", "127.0.0.1:6379");
  private static volatile Boolean reachable;

  private TestRedis() {}

  public static String host() {
    return ADDRESS.substring(0, ADDRESS.lastIndexOf(':'));
  }

  public static int port() {
    return Integer.parseInt(ADDRESS.substring(ADDRESS.lastIndexOf(':') + 1));
  }

  /** {@code host:port}, as given. */
  public static String address() {
    return ADDRESS;
  }

  public static String url() {
    return "redis://" + ADDRESS;
  }

  /** Whether something accepts TCP connections there; asked once per test JVM. */
  public static boolean isReachable() {
    Boolean known = reachable;
    if (known == null) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host(), port()), 1_000);
        known = true;
      } catch (IOException e) {
        known = false;
      }
      reachable = known;
    }
    return known;
  }
}
