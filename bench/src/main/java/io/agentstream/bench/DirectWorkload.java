package io.agentstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Mode "direct": each client opens the direct SSE endpoint; the model stream is piped straight to it. */
final class DirectWorkload implements Workload {

  private final DirectServer server;
  private final EmissionLog emissions;
  private final double tokensPerSecond;

  DirectWorkload(DirectServer server, EmissionLog emissions, double tokensPerSecond) {
    this.server = server;
    this.emissions = emissions;
    this.tokensPerSecond = tokensPerSecond;
  }

  @Override
  public void run(String question, int clients, PhaseRecorder recorder) throws Exception {
    String path = "/direct?q=" + URLEncoder.encode(question, StandardCharsets.UTF_8) + "&clients=" + clients;
    long[] opened = new long[clients];
    List<TokenTimeline> timelines = Workload.inParallel(clients, c -> {
      opened[c] = System.nanoTime();
      return read(path);
    });
    EmissionLog.Stream stream = emissions.of("answer", question);
    for (int c = 0; c < clients; c++) {
      timelines.get(c).analyse(stream, opened[c], tokensPerSecond, true, recorder);
    }
    emissions.forget("answer", question);
  }

  private TokenTimeline read(String path) {
    TokenTimeline timeline = new TokenTimeline();
    try (SseConnection sse = SseConnection.open("127.0.0.1", server.port(), path)) {
      timeline.opened(System.nanoTime());
      SseConnection.Event event;
      while ((event = sse.next()) != null) {
        long now = System.nanoTime();
        JsonNode data = Http.JSON.readTree(event.data());
        switch (event.name()) {
          case "token" -> {
            timeline.seq(data.get("index").asLong());
            timeline.token(1, data.get("offset").asInt(), data.get("text").asText(), now);
          }
          case "done" -> {
            timeline.completed(data.get("text").asText());
            timeline.terminal(data.get("text").asText(), now);
            return timeline;
          }
          case "error" -> {
            timeline.failed("model error: " + data.get("error").asText());
            return timeline;
          }
          default -> { }
        }
      }
      timeline.failed("stream ended without done");
    } catch (Exception e) {
      timeline.failed(e.toString());
    }
    return timeline;
  }
}
