package io.agentstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** Modes "agentstream-memory" and "agentstream-redis": submit a question-answer run, follow it over SSE. */
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
    JsonNode created = http.post(app.port(), "/api/runs",
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
    TokenTimeline timeline = new TokenTimeline();
    try (SseConnection sse = SseConnection.open("127.0.0.1", app.port(), "/api/runs/" + runId + "/events")) {
      if (sse.status() != 200) {
        timeline.failed("HTTP " + sse.status() + ": " + sse.rest());
        return timeline;
      }
      timeline.opened(System.nanoTime());
      SseConnection.Event event;
      boolean terminalSnapshot = false;
      while ((event = sse.next()) != null) {
        long now = System.nanoTime();
        JsonNode data = Http.JSON.readTree(event.data());
        String type = data.path("type").asText(event.name());
        long seq = data.path("seq").asLong();
        boolean ours = STEP.equals(data.path("step").asText(null));
        if (type.equals("snapshot")) {
          JsonNode snapshot = data.get("snapshot");
          JsonNode step = step(snapshot);
          timeline.snapshot(seq, step == null ? null : step.path("text").asText(""),
              step == null ? 1 : step.path("attempt").asInt(1), now);
          terminalSnapshot = isTerminal(snapshot.path("status").asText());
          continue;
        }
        if (!(terminalSnapshot && type.startsWith("run."))) {
          // A stream that starts at a finished run sends its terminal event with the snapshot's id.
          timeline.seq(seq);
        }
        switch (type) {
          case "step.token" -> {
            if (ours) {
              timeline.token(data.path("attempt").asInt(1), data.get("offset").asInt(), data.get("text").asText(), now);
            }
          }
          case "step.rewind" -> {
            if (ours) {
              timeline.rewind(data.path("attempt").asInt(1), data.path("text").asText(""));
            }
          }
          case "step.completed" -> {
            if (ours) {
              timeline.completed(data.path("text").asText(""));
            }
          }
          case "run.completed" -> {
            timeline.terminal(data.path("result").path("answer").asText(""), now);
            return timeline;
          }
          case "run.failed", "run.cancelled" -> {
            timeline.failed(type + ": " + data.path("error"));
            return timeline;
          }
          default -> { }
        }
      }
      timeline.failed("stream ended without a terminal event");
    } catch (Exception e) {
      timeline.failed(e.toString());
    }
    return timeline;
  }

  static JsonNode step(JsonNode snapshot) {
    for (JsonNode step : snapshot.path("steps")) {
      if (STEP.equals(step.path("id").asText())) {
        return step;
      }
    }
    return null;
  }

  static boolean isTerminal(String status) {
    return status.equals("COMPLETED") || status.equals("FAILED") || status.equals("CANCELLED");
  }
}
