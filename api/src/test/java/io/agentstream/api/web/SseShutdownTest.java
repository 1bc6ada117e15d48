package io.agentstream.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.api.AgentstreamApplication;
import io.agentstream.api.client.ApiClient;
import io.agentstream.api.client.SseClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node that shuts down ends its open streams itself, so its graceful shutdown has no request to
 * wait for and its clients move on at once: the stream ends cleanly (every event whole), and the
 * client's reconnect with {@code Last-Event-ID} to another node continues with the very next event.
 * Node A runs the embedded engine and the worker; node B, the one that stops, is an API node on A's
 * engine, with the web server's default graceful shutdown.
 */
class SseShutdownTest {

  static final String TRIP =
      "{\"agent\":\"trip-planner\",\"input\":{\"request\":\"Plan a 5-day trip to Hawaii\"}}";

  ConfigurableApplicationContext nodeA;
  ConfigurableApplicationContext nodeB;
  final SseClient sse = new SseClient();

  @AfterEach
  void stopNodes() {
    if (nodeB != null) {
      nodeB.close();
    }
    if (nodeA != null) {
      nodeA.close();
    }
  }

  @Test
  void stoppingANodeEndsItsStreamsPromptlyAndTheClientResumesOnAnotherNode() throws Exception {
    nodeA = start("--server.port=0");
    String engine = nodeA.getEnvironment().getProperty("spring.temporal.connection.target");
    nodeB = start("--server.port=0", "--agentstream.role=api", "--TEMPORAL_ADDRESS=" + engine);
    ApiClient a = new ApiClient(base(nodeA));
    ApiClient b = new ApiClient(base(nodeB));
    // The trip planner asks its questions and then waits for answers: its stream stays open.
    String run = (String) a.post("/api/runs", TRIP).body().get("runId");

    List<SseClient.Received> onB = new CopyOnWriteArrayList<>();
    CompletableFuture<SseClient.Outcome> streamOnB =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return sse.read(b.uri("/api/runs/" + run + "/events"), null, e -> !onB.add(e));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (onB.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(onB).as("node B streamed the run").isNotEmpty();

    CompletableFuture<Void> stopB = CompletableFuture.runAsync(nodeB::close);
    // Without the node ending it, the stream would stay open until the graceful shutdown's 30 s
    // timeout cut it.
    SseClient.Outcome ended = streamOnB.get(10, TimeUnit.SECONDS);
    assertThat(ended.status()).isEqualTo(200);
    assertThat(ended.endedByServer()).isTrue();
    stopB.get(20, TimeUnit.SECONDS);
    nodeB = null;

    String lastId = onB.get(onB.size() - 1).id();
    assertThat(a.post("/api/runs/" + run + "/cancel", null).status()).isEqualTo(202);
    List<SseClient.Received> resumed = new ArrayList<>();
    sse.read(
        a.uri("/api/runs/" + run + "/events"),
        lastId,
        e -> {
          resumed.add(e);
          return e.name().equals("run.cancelled");
        });
    assertThat(resumed).isNotEmpty();
    assertThat(resumed.get(resumed.size() - 1).name()).isEqualTo("run.cancelled");
    assertThat(resumed.get(0).name()).isNotEqualTo("snapshot");
    assertThat(Long.parseLong(resumed.get(0).id())).isEqualTo(Long.parseLong(lastId) + 1);
  }

  static ConfigurableApplicationContext start(String... args) {
    return new SpringApplicationBuilder(AgentstreamApplication.class).profiles("test").run(args);
  }

  static String base(ConfigurableApplicationContext node) {
    return "http://127.0.0.1:" + ((WebServerApplicationContext) node).getWebServer().getPort();
  }
}
