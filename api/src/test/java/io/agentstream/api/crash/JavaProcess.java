package io.agentstream.api.crash;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One OS process running the packaged agentstream jar, killed and frozen with real signals. */
final class JavaProcess {

  private static final Path LOGS = Path.of("target", "crash-logs");
  private final String name;
  private final Process process;
  private final Path log;

  private JavaProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static JavaProcess start(String name, Map<String, String> env, String... args)
      throws IOException {
    Files.createDirectories(LOGS);
    Path log = LOGS.resolve(name + "-" + System.currentTimeMillis() + ".log");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().remove("TEMPORAL_ADDRESS");
    builder.environment().remove("OPENAI_API_KEY");
    builder.environment().putAll(env);
    return new JavaProcess(name, builder.start(), log);
  }

  static String jar() {
    String jar = System.getProperty("agentstream.jar", "target/agentstream.jar");
    if (!new File(jar).isFile()) {
      throw new IllegalStateException("packaged jar not found at " + jar + "; run mvn verify");
    }
    return jar;
  }

  /**
   * A port that is free now and stays free until the child binds it: taken below Linux's ephemeral
   * range (32768 and up), because a port the kernel hands out for port 0 can meanwhile become the
   * local port of any outgoing connection (seen once: "Port … was already in use").
   */
  static int freePort() throws IOException {
    java.util.concurrent.ThreadLocalRandom random =
        java.util.concurrent.ThreadLocalRandom.current();
    for (int i = 0; i < 200; i++) {
      int port = random.nextInt(20_000, 32_000);
      try (ServerSocket socket =
          new ServerSocket(port, 0, java.net.InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no free port between 20000 and 32000");
  }

  long pid() {
    return process.pid();
  }

  String name() {
    return name;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hooks, no goodbye. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  void freeze() throws IOException, InterruptedException {
    signal("STOP");
  }

  void thaw() throws IOException, InterruptedException {
    signal("CONT");
  }

  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(
        Duration.ofSeconds(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
    }
  }

  private void signal(String signal) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start().waitFor();
  }

  void awaitPort(int port, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited; see " + log);
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException(
        name + " did not open port " + port + " in " + timeout + "; see " + log);
  }

  void awaitHealthy(int port, Duration timeout) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited; see " + log);
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(name + " not healthy in " + timeout + "; see " + log);
  }

  /** Everything the process has logged so far. */
  String logText() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** Waits until the log contains a line, e.g. a worker's "Worker polling" when it has no HTTP. */
  void awaitLog(String text, Duration timeout) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited; see " + log);
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(name + " never logged '" + text + "'; see " + log);
  }
}
