package io.agentstream.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.api.client.ApiClient;
import io.agentstream.api.client.SseClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Every 4xx the API promises: a problem detail naming what was wrong, and no run started. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RunApiBadInputTest {

  @LocalServerPort int port;
  ApiClient api;

  @BeforeEach
  void setUp() {
    api = new ApiClient("http://127.0.0.1:" + port);
  }

  @Test
  void unknownAgentIsRejectedWithTheKnownAgents() throws Exception {
    int before = recentRuns();
    ApiClient.Response r =
        api.post("/api/runs", "{\"agent\":\"poet\",\"input\":{\"request\":\"x\"}}");
    assertProblem(r, 400, "unknown agent 'poet'");
    assertThat((String) r.body().get("detail")).contains("trip-planner", "question-answer");
    assertThat(recentRuns()).isEqualTo(before);
  }

  @Test
  void missingOrEmptyInputIsRejected() throws Exception {
    assertProblem(
        api.post("/api/runs", "{\"agent\":\"trip-planner\"}"), 400, "'input' is required");
    assertProblem(
        api.post("/api/runs", "{\"agent\":\"trip-planner\",\"input\":{}}"),
        400,
        "'input' is required");
    assertProblem(
        api.post("/api/runs", "{\"agent\":\"trip-planner\",\"input\":{\"request\":\"  \"}}"),
        400,
        "input.request is required");
    assertProblem(
        api.post("/api/runs", "{\"input\":{\"request\":\"x\"}}"), 400, "'agent' is required");
    assertProblem(api.post("/api/runs", null), 400, "request body is required");
  }

  @Test
  void malformedJsonIsRejected() throws Exception {
    assertProblem(api.post("/api/runs", "{\"agent\": \"trip-planner\", "), 400, "malformed JSON");
  }

  @Test
  void oversizedInputIsRejectedWith413() throws Exception {
    int before = recentRuns();
    String big = "x".repeat(20_000);
    ApiClient.Response r =
        api.post(
            "/api/runs", "{\"agent\":\"trip-planner\",\"input\":{\"request\":\"" + big + "\"}}");
    assertProblem(r, 413, "exceeds the limit of 16384 bytes");
    assertThat(recentRuns()).isEqualTo(before);
  }

  @Test
  void unknownRunIs404Everywhere() throws Exception {
    assertProblem(api.get("/api/runs/run-nope"), 404, "no run with id run-nope");
    assertProblem(api.get("/api/runs/run-nope/events"), 404, "no run with id run-nope");
    assertProblem(
        api.post("/api/runs/run-nope/answers", "{\"answers\":{\"a\":\"b\"}}"),
        404,
        "no run with id");
    assertProblem(api.post("/api/runs/run-nope/cancel", null), 404, "no run with id");
    assertProblem(api.post("/api/runs/run-nope/finish-now", null), 404, "no run with id");
  }

  @Test
  void malformedLastEventIdIs400() throws Exception {
    String runId = startQuestionAnswer();
    assertProblem(
        api.get("/api/runs/" + runId + "/events", Map.of("Last-Event-ID", "abc")),
        400,
        "malformed Last-Event-ID 'abc'");
    assertProblem(
        api.get("/api/runs/" + runId + "/events?lastEventId=-4"),
        400,
        "malformed Last-Event-ID '-4'");
  }

  @Test
  void answersAreValidated() throws Exception {
    // No questions pending (the question-answer agent never asks): 409.
    String qa = startQuestionAnswer();
    assertProblem(
        api.post("/api/runs/" + qa + "/answers", "{\"answers\":{\"travelers\":\"2\"}}"),
        409,
        "no questions are pending");

    String trip =
        (String)
            api.post(
                    "/api/runs",
                    "{\"agent\":\"trip-planner\",\"input\":{\"request\":\"Plan a 5-day trip to Hawaii\"}}")
                .body()
                .get("runId");
    awaitStatus(trip, "WAITING_FOR_INPUT");
    assertProblem(
        api.post("/api/runs/" + trip + "/answers", "{\"answers\":{\"pets\":\"a cat\"}}"),
        400,
        "unknown question id: pets");
    assertProblem(
        api.post("/api/runs/" + trip + "/answers", "{\"answers\":{\"budget\":\"\"}}"),
        400,
        "answer to 'budget' is empty");
    assertProblem(
        api.post("/api/runs/" + trip + "/answers", "{\"answers\":{}}"),
        400,
        "'answers' is required");
    assertThat(
            api.post("/api/runs/" + trip + "/answers", "{\"answers\":{\"budget\":\"$2,000\"}}")
                .status())
        .isEqualTo(200);
    assertProblem(
        api.post("/api/runs/" + trip + "/answers", "{\"answers\":{\"budget\":\"$9\"}}"),
        409,
        "already answered");
    api.post("/api/runs/" + trip + "/cancel", null);
  }

  @Test
  void messagesToAFinishedRunAreConflicts() throws Exception {
    String qa = startQuestionAnswer();
    new SseClient().read(api.uri("/api/runs/" + qa + "/events"), null, e -> false);
    assertProblem(api.post("/api/runs/" + qa + "/cancel", null), 409, "already finished");
    assertProblem(api.post("/api/runs/" + qa + "/finish-now", null), 409, "already finished");
  }

  private String startQuestionAnswer() throws Exception {
    return (String)
        api.post(
                "/api/runs",
                "{\"agent\":\"question-answer\",\"input\":{\"question\":\"What is a lei?\"}}")
            .body()
            .get("runId");
  }

  private void awaitStatus(String runId, String status) throws Exception {
    long deadline = System.currentTimeMillis() + 15_000;
    while (!status.equals(api.get("/api/runs/" + runId).body().get("status"))) {
      assertThat(System.currentTimeMillis()).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private int recentRuns() throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .readValue(api.raw("/api/runs?limit=200"), List.class)
        .size();
  }

  private static void assertProblem(ApiClient.Response r, int status, String detail) {
    assertThat(r.status()).as("status of %s", r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat((String) r.body().get("detail")).contains(detail);
    assertThat(r.body()).containsKey("title");
  }
}
