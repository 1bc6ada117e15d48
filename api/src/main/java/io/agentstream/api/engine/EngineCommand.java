package io.agentstream.api.engine;

import io.agentstream.api.AppProperties;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar agentstream.jar engine --port=7233}: runs only the Temporal engine, as its own
 * long-lived process, until killed.
 */
public final class EngineCommand {

  private EngineCommand() {}

  public static void run(String[] args) throws InterruptedException {
    int port = Integer.parseInt(AppProperties.Engine.DEFAULT_PORT);
    for (String arg : args) {
      if (arg.startsWith("--port=")) {
        port = Integer.parseInt(arg.substring("--port=".length()));
      }
    }
    TemporalEngine engine = TemporalEngine.start(port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  engine.close();
                  stopped.countDown();
                }));
    System.out.println(
        "agentstream engine: Temporal (in-memory test server) at "
            + engine.address()
            + " -- state is in memory; killing this process loses its runs.");
    System.out.println(
        "Start the app against it with: TEMPORAL_ADDRESS="
            + engine.address()
            + " java -jar <app jar> --agentstream.role=all");
    stopped.await();
  }
}
