package io.agentstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentstream.client.ServerSentEvent;
import io.agentstream.protocol.RunCompleted;
import io.agentstream.protocol.RunEvent;
import io.agentstream.protocol.RunSnapshot;
import io.agentstream.protocol.RunStatus;
import io.agentstream.protocol.StepCompleted;
import io.agentstream.protocol.StepSnapshot;
import io.agentstream.protocol.StepStatus;
import io.agentstream.protocol.StepToken;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Mode "direct": each client opens the direct SSE endpoint; the model stream is piped straight to
 * it.
 */
final class DirectWorkload implements Workload {

  private static final String RUN = "direct";
  private static final String STEP = AgentstreamWorkload.STEP;

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
    String path =
        "/direct?q=" + URLEncoder.encode(question, StandardCharsets.UTF_8) + "&clients=" + clients;
    long[] opened = new long[clients];
    List<TokenTimeline> timelines =
        Workload.inParallel(
            clients,
            c -> {
              opened[c] = System.nanoTime();
              return read(path);
            });
    EmissionLog.Stream stream = emissions.of("answer", question);
    for (int c = 0; c < clients; c++) {
      timelines.get(c).analyse(stream, opened[c], tokensPerSecond, true, recorder);
    }
    emissions.forget("answer", question);
  }

  /**
   * The direct stream is not agentstream's protocol, so its tokens are handed to the same reducer
   * as one running step's deltas (after a snapshot of that step, empty), which keeps every mode's
   * figures computed the same way.
   */
  private TokenTimeline read(String path) {
    TokenTimeline timeline = new TokenTimeline(STEP);
    try (SseConnection sse = SseConnection.open("127.0.0.1", server.port(), path)) {
      long opened = System.nanoTime();
      timeline.opened(opened);
      timeline.apply(
          RunEvent.snapshot(
              new RunSnapshot(
                  RUN,
                  "direct",
                  RunStatus.RUNNING,
                  STEP,
                  List.of(
                      new StepSnapshot(STEP, "Answer", StepStatus.RUNNING, 1, "", List.of(), null)),
                  List.of(),
                  Map.of(),
                  null,
                  null,
                  0),
              0),
          opened);
      ServerSentEvent event;
      while ((event = sse.next()) != null) {
        long now = System.nanoTime();
        JsonNode data = Http.JSON.readTree(event.data());
        switch (event.name()) {
          case "token" ->
              timeline.apply(
                  new RunEvent(
                      RUN,
                      data.get("index").asLong() + 1,
                      STEP,
                      1,
                      0,
                      new StepToken(data.get("offset").asInt(), data.get("text").asText())),
                  now);
          case "done" -> {
            long seq = Long.MAX_VALUE - 1;
            timeline.apply(
                new RunEvent(
                    RUN,
                    seq,
                    STEP,
                    0,
                    0,
                    new StepCompleted(StepStatus.COMPLETED, data.get("text").asText(), List.of())),
                now);
            timeline.apply(
                new RunEvent(
                    RUN,
                    seq + 1,
                    null,
                    0,
                    0,
                    new RunCompleted(Map.of("answer", data.get("text").asText()))),
                now);
            return timeline;
          }
          case "error" -> {
            timeline.failed("model error: " + data.get("error").asText());
            return timeline;
          }
          default -> {}
        }
      }
      timeline.failed("stream ended without done");
    } catch (Exception e) {
      timeline.failed(e.toString());
    }
    return timeline;
  }
}
