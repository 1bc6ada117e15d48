package io.agentstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentstream.run.RunSearchAttributes;
import io.temporal.client.WorkflowStub;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Temporal history size against tokens per step. The question-answer reply has a fixed length
 * (about 65-85 tokens), so the trip planner is used: its {@code plan} step writes one paragraph per
 * day, so a 2-day and a 30-day trip run the same workflow with about 100 and about 1,000 tokens in
 * that step. Both histories are fetched through the WorkflowClient.
 *
 * <p>While a trip runs it is watched without queries (describe for the status search attribute,
 * then a long poll for the result): on the embedded engine a query racing a workflow task adds a
 * recorded workflow task, which would blur the comparison. The snapshot is read once it is done.
 */
final class TripHistories {

  /** One trip: the plan step's tokens and characters, and the run's history. */
  record Trip(
      int days,
      String runId,
      int planTokens,
      int planChars,
      int historyEvents,
      int workflowTaskEvents,
      List<String> historyEventTypes,
      double seconds) {}

  private TripHistories() {}

  static List<Trip> measure(App app, Http http, List<Integer> days) throws Exception {
    List<CompletableFuture<Trip>> trips = new ArrayList<>();
    for (int d : days) {
      trips.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return one(app, http, d);
                } catch (Exception e) {
                  throw new IllegalStateException("trip of " + d + " days failed", e);
                }
              }));
    }
    List<Trip> results = new ArrayList<>();
    for (CompletableFuture<Trip> trip : trips) {
      results.add(trip.get(10, TimeUnit.MINUTES));
    }
    return results;
  }

  private static Trip one(App app, Http http, int days) throws Exception {
    long start = System.nanoTime();
    JsonNode created =
        http.post(
            app.port(),
            "/api/runs",
            Map.of(
                "agent",
                "trip-planner",
                "input",
                Map.of("request", "Plan a " + days + "-day trip to Hawaii")));
    String runId = created.get("runId").asText();
    WorkflowStub stub = app.workflowClient().newUntypedWorkflowStub(runId);
    while (!"WAITING_FOR_INPUT"
        .equals(stub.describe().getTypedSearchAttributes().get(RunSearchAttributes.STATUS))) {
      if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(5)) {
        throw new IllegalStateException("trip " + runId + " never asked its questions");
      }
      Thread.sleep(100);
    }
    http.post(
        app.port(),
        "/api/runs/" + runId + "/answers",
        Map.of("answers", Map.of("travelers", "2 adults")));
    stub.getResult(10, TimeUnit.MINUTES, Object.class);
    double seconds = (System.nanoTime() - start) / 1e9;
    JsonNode snapshot = http.get(app.port(), "/api/runs/" + runId);
    String plan = "";
    for (JsonNode step : snapshot.path("steps")) {
      if (step.path("id").asText().equals("plan")) {
        plan = step.path("text").asText("");
      }
    }
    App.History history = app.history(runId);
    return new Trip(
        days,
        runId,
        SimulatedTokens.count(plan),
        plan.length(),
        history.events(),
        history.workflowTaskEvents(),
        history.types(),
        seconds);
  }
}
