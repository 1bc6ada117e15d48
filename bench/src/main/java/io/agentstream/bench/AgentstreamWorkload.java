package io.agentstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentstream.client.ServerSentEvent;
import io.agentstream.protocol.EventCodec;
import java.util.List;
import java.util.Map;

/**
 * Modes "agentstream-memory" and "agentstream-redis": submit a question-answer run, follow it over
 * SSE.
 */
final class AgentstreamWorkload implements Workload {

  static final String STEP = "answer";

  private final App app;
  private final Http http;
  private final EmissionLog emissions;
  private final double tokensPerSecond;

  AgentstreamWorkload(App app, Http http, EmissionLog emissions, double tokensPerSecond) {
    this.app = app;
    this.http = http;
    this.emissions = emissions;
    this.tokensPerSecond = tokensPerSecond;
  }

  static String submit(Http http, App app, String question) throws Exception {
    JsonNode created =
        http.post(
            app.port(),
            "/api/runs",
            Map.of("agent", "question-answer", "input", Map.of("question", question)));
    return created.get("runId").asText();
  }

  @Override
  public void run(String question, int clients, PhaseRecorder recorder) throws Exception {
    long submitted = System.nanoTime();
    String runId;
    try {
      runId = submit(http, app, question);
    } catch (Exception e) {
      recorder.failedClients.add(clients);
      recorder.problem("submit failed: " + e);
      return;
    }
    recorder.runIds.add(runId);
    List<TokenTimeline> timelines = Workload.inParallel(clients, c -> read(runId));
    EmissionLog.Stream stream = emissions.of("answer", question);
    for (TokenTimeline timeline : timelines) {
      timeline.analyse(stream, submitted, tokensPerSecond, true, recorder);
    }
    emissions.forget("answer", question);
  }

  private TokenTimeline read(String runId) {
    TokenTimeline timeline = new TokenTimeline(STEP);
    try (SseConnection sse =
        SseConnection.open("127.0.0.1", app.port(), "/api/runs/" + runId + "/events")) {
      if (sse.status() != 200) {
        timeline.failed("HTTP " + sse.status() + ": " + sse.rest());
        return timeline;
      }
      timeline.opened(System.nanoTime());
      ServerSentEvent event;
      while ((event = sse.next()) != null) {
        long now = System.nanoTime();
        if (timeline.apply(EventCodec.json().read(event.data()), now)) {
          return timeline;
        }
      }
      timeline.failed("stream ended without a terminal event");
    } catch (Exception e) {
      timeline.failed(e.toString());
    }
    return timeline;
  }
}
