package io.agentstream.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.agentstream.protocol.EventCodec;
import io.agentstream.protocol.EventPayload;
import io.agentstream.protocol.RunCompleted;
import io.agentstream.protocol.RunEvent;
import io.agentstream.protocol.RunSnapshot;
import io.agentstream.protocol.RunStatus;
import io.agentstream.protocol.RunView;
import io.agentstream.protocol.Snapshot;
import io.agentstream.protocol.StepCompleted;
import io.agentstream.protocol.StepSnapshot;
import io.agentstream.protocol.StepStatus;
import io.agentstream.protocol.StepToken;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The follower against a real HTTP server that drops connections and sends gaps on purpose. */
class RunFollowerTest {

  private static final String RUN = "run-1";
  private final List<String> lastEventIds = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void aDroppedConnectionResumesAfterTheLastEventAppliedAndTheViewEndsExact() throws Exception {
    serve(
        connection ->
            switch (connection) {
              case 1 -> List.of(snapshot(10, ""), event(11, new StepToken(0, "Hello")));
              default ->
                  List.of(
                      event(12, new StepToken(5, " world")),
                      event(13, done("Hello world")),
                      event(14, new RunCompleted(Map.of("answer", "Hello world"))));
            });

    RunView view = client().follow(RUN, (e, o, v) -> {}).awaitEnd(Duration.ofSeconds(10));

    assertThat(lastEventIds).containsExactly("none", "11");
    assertThat(view.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(view.step("answer").orElseThrow().text()).isEqualTo("Hello world");
  }

  @Test
  void aGapMakesTheFollowerReconnectWithoutAnIdForAFreshSnapshot() throws Exception {
    serve(
        connection ->
            switch (connection) {
              case 1 -> List.of(snapshot(10, ""), event(12, new StepToken(3, "lo")));
              default ->
                  List.of(
                      snapshot(20, "Hello"),
                      event(21, done("Hello")),
                      event(22, new RunCompleted(Map.of())));
            });

    RunFollower follower = client().follow(RUN, (e, o, v) -> {});
    RunView view = follower.awaitEnd(Duration.ofSeconds(10));

    assertThat(lastEventIds).containsExactly("none", "none");
    assertThat(follower.resyncs()).isEqualTo(1);
    assertThat(view.step("answer").orElseThrow().text()).isEqualTo("Hello");
  }

  @Test
  void anUnknownRunIsAnErrorWithTheServersProblemDetail() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange ->
            respond(
                exchange,
                404,
                "application/problem+json",
                "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"no run with id nope\"}"));
    server.start();

    assertThatThrownBy(
            () -> client().follow("nope", (e, o, v) -> {}).awaitEnd(Duration.ofSeconds(10)))
        .isInstanceOfSatisfying(
            AgentstreamException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.getMessage()).contains("no run with id nope");
            });
    assertThatThrownBy(() -> client().snapshot("nope")).isInstanceOf(AgentstreamException.class);
  }

  private AgentstreamClient client() {
    return AgentstreamClient.builder(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
        .reconnectDelay(Duration.ofMillis(10))
        .build();
  }

  /** Each connection gets the events the script gives for its number, then the server hangs up. */
  private void serve(Function<Integer, List<RunEvent>> script) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    int[] connections = {0};
    server.createContext(
        "/api/runs/" + RUN + "/events",
        exchange -> {
          lastEventIds.add(
              exchange.getRequestHeaders().getFirst("Last-Event-ID") == null
                  ? "none"
                  : exchange.getRequestHeaders().getFirst("Last-Event-ID"));
          StringBuilder body = new StringBuilder();
          for (RunEvent e : script.apply(++connections[0])) {
            body.append("id:")
                .append(e.seq())
                .append("\nevent:")
                .append(e.type())
                .append("\ndata:")
                .append(EventCodec.json().write(e))
                .append("\n\n");
          }
          respond(exchange, 200, "text/event-stream", body.toString());
        });
    server.start();
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static RunEvent snapshot(long seq, String text) {
    RunSnapshot snapshot =
        new RunSnapshot(
            RUN,
            "question-answer",
            RunStatus.RUNNING,
            "answer",
            List.of(
                new StepSnapshot("answer", "Answer", StepStatus.RUNNING, 1, text, List.of(), null)),
            List.of(),
            Map.of(),
            null,
            null,
            seq);
    return new RunEvent(RUN, seq, null, 0, 0, new Snapshot(snapshot));
  }

  private static StepCompleted done(String text) {
    return new StepCompleted(StepStatus.COMPLETED, text, List.of());
  }

  private static RunEvent event(long seq, EventPayload payload) {
    String step =
        payload instanceof StepToken || payload instanceof StepCompleted ? "answer" : null;
    return new RunEvent(RUN, seq, step, payload instanceof StepToken ? 1 : 0, 0, payload);
  }
}
