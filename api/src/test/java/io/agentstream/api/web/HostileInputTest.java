package io.agentstream.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.api.client.ApiClient;
import io.agentstream.spring.web.ProblemType;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile input against the real server on a real port, byte for byte ({@link RawHttp}), so that
 * the servlet container's own errors are covered too. Every request must be answered within a
 * second (a bound on a hang, not a performance target) with a 4xx {@code application/problem+json}
 * that has a type, a title and a detail naming no Java type, internal path or stack frame; no
 * workflow may start; and the server must be healthy afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HostileInputTest {

  private static final Duration BOUND = Duration.ofSeconds(1);
  private static final JsonMapper JSON = JsonMapper.shared();

  /** What an error body must never contain: Java names, internal paths, stack frames, HTML. */
  private static final Pattern LEAK =
      Pattern.compile(
          "(?i)\\b(java|javax|jakarta|sun|org\\.apache|org\\.springframework|com\\.fasterxml"
              + "|tools\\.jackson|io\\.temporal|io\\.grpc|io\\.agentstream)\\.[a-z]"
              + "|exception|BOOT-INF|WEB-INF|\\.java:|\\bat [a-z]+\\.[a-z]|<html|<!doctype");

  private static final String QUESTION = "{\"agent\":\"question-answer\",\"input\":{\"question\":";

  private static boolean warm;

  @LocalServerPort int port;
  @Autowired WorkflowClient workflows;
  RawHttp http;
  ApiClient api;

  @BeforeEach
  void setUp() throws Exception {
    http = new RawHttp(port);
    api = new ApiClient("http://127.0.0.1:" + port);
    if (!warm) {
      // The first requests initialize the dispatcher and the JSON and Temporal clients.
      for (int i = 0; i < 3; i++) {
        http.exchange(get("/api/runs/run-warm-up"));
        http.exchange(post("/api/runs", "application/json", bytes("{}")));
        http.exchange(get("/nope"));
        executions();
      }
      warm = true;
    }
  }

  @Test
  void malformedAndTruncatedJsonIsRejected() throws Exception {
    String valid = QUESTION + "\"What is a lei?\"}}";
    for (String body :
        List.of(
            "{\"agent\": \"question-answer\", ",
            valid.substring(0, valid.length() / 2),
            valid.substring(0, valid.length() - 1),
            "{agent: \"question-answer\"}",
            "{\"agent\":\"question-answer\",}",
            "{\"agent\":\"question-answer\",\"input\":{\"question\":\"x\"}} trailing",
            "{\"agent\":\"question-answer\",\"agent\":\"trip-planner\",\"input\":{\"question\":\"x\"}}",
            "")) {
      JsonNode problem =
          rejects(400, () -> http.exchange(post("/api/runs", "application/json", bytes(body))));
      assertThat(problem.get("detail").asString())
          .containsAnyOf("malformed JSON", "request body is required");
    }
    byte[] notUtf8 =
        concat(bytes(QUESTION + "\""), new byte[] {(byte) 0xff, (byte) 0xfe}, bytes("\"}}"));
    rejects(400, () -> http.exchange(post("/api/runs", "application/json", notUtf8)));
  }

  @Test
  void deeplyNestedJsonIsRejected() throws Exception {
    String deep = "[".repeat(5_000) + "]".repeat(5_000);
    JsonNode problem =
        rejects(
            400,
            () ->
                http.exchange(
                    post(
                        "/api/runs",
                        "application/json",
                        bytes(QUESTION + "\"x\",\"deep\":" + deep + "}}"))));
    assertThat(problem.get("detail").asString()).contains("nested deeper than 64 levels");
    String deepObject = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
    rejects(
        400,
        () ->
            http.exchange(
                post(
                    "/api/runs/run-nope/answers",
                    "application/json",
                    bytes("{\"answers\":" + deepObject + "}"))));
  }

  @Test
  void oversizedBodiesAreRejectedWithoutReadingThem() throws Exception {
    byte[] megabyte = bytes(QUESTION + "\"" + "x".repeat(1_000_000) + "\"}}");
    JsonNode problem =
        rejects(413, () -> http.exchange(post("/api/runs", "application/json", megabyte)));
    assertThat(problem.get("detail").asString()).contains("exceeds the limit of 16384 bytes");

    byte[] megabyteOfAnswers =
        bytes("{\"answers\":{\"budget\":\"" + "x".repeat(1_000_000) + "\"}}");
    rejects(
        413,
        () ->
            http.exchange(
                post("/api/runs/run-nope/answers", "application/json", megabyteOfAnswers)));

    // A chunked body that passes the limit and then stalls: the answer must not wait for its end.
    byte[] chunk = concat(bytes("4000\r\n"), bytes("x".repeat(0x4000)), bytes("\r\n"));
    for (String target : List.of("/api/runs", "/api/runs/run-nope/answers")) {
      rejects(
          413,
          () ->
              http.exchange(
                  "POST "
                      + target
                      + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                      + "\r\nTransfer-Encoding: chunked",
                  repeat(chunk, 12)));
    }

    // Expect: 100-continue with a declared size over the limit: answered before any body is sent.
    rejects(
        413,
        () ->
            http.exchange(
                "POST /api/runs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                    + "\r\nContent-Length: 1000000000\r\nExpect: 100-continue"));
  }

  @Test
  void wrongContentTypesAreRejected() throws Exception {
    byte[] body = bytes(QUESTION + "\"What is a lei?\"}}");
    for (String target : List.of("/api/runs", "/api/runs/run-nope/answers")) {
      for (String type :
          List.of(
              "text/plain",
              "application/x-www-form-urlencoded",
              "multipart/form-data; boundary=x",
              "application/xml",
              "not a media type")) {
        rejects(415, () -> http.exchange(post(target, type, body)));
      }
      rejects(
          415,
          () ->
              http.exchange(
                  "POST "
                      + target
                      + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
                      + body.length,
                  body));
    }
  }

  @Test
  void wrongJsonTypesNameTheFieldAndNoJavaType() throws Exception {
    Map<String, String> expected =
        Map.ofEntries(
            Map.entry("[]", "the body must be a JSON object"),
            Map.entry("\"question-answer\"", "the body must be a JSON object"),
            Map.entry("42", "the body must be a JSON object"),
            Map.entry("null", "the body must be a JSON object"),
            Map.entry("{\"agent\":{\"name\":\"x\"},\"input\":{}}", "'agent' must be a string"),
            Map.entry("{\"agent\":[\"question-answer\"]}", "'agent' must be a string"),
            Map.entry("{\"agent\":7}", "'agent' must be a string"),
            Map.entry("{\"agent\":\"question-answer\",\"input\":\"What?\"}", "'input' must be"),
            Map.entry("{\"agent\":\"question-answer\",\"input\":[1,2]}", "'input' must be"),
            Map.entry(QUESTION + "{\"a\":1}}}", "input.question is required"),
            Map.entry(QUESTION + "12}}", "input.question is required"),
            Map.entry(QUESTION + "null}}", "input.question is required"),
            Map.entry("{\"agent\":\"" + "a".repeat(101) + "\",\"input\":{}}", "longer than 100"));
    for (Map.Entry<String, String> body : expected.entrySet()) {
      JsonNode problem =
          rejects(
              400,
              () -> http.exchange(post("/api/runs", "application/json", bytes(body.getKey()))));
      assertThat(problem.get("detail").asString()).as(body.getKey()).contains(body.getValue());
    }
    rejects(400, () -> http.exchange(get("/api/runs?limit=abc")));
    rejects(400, () -> http.exchange(get("/api/runs?limit=99999999999999999999")));
  }

  @Test
  void textWithUnpairedSurrogatesOrControlCharactersIsRejectedNamingTheField() throws Exception {
    for (String text :
        List.of(
            "\\ud800",
            "lone high \\ud800 in the middle",
            "lone low \\udc00",
            "reversed \\udc00\\ud800",
            "nul \\u0000",
            "escape \\u001b[31m",
            "carriage return \\r",
            "delete \\u007f",
            "next line \\u0085")) {
      JsonNode problem =
          rejects(
              400,
              () ->
                  http.exchange(
                      post(
                          "/api/runs",
                          "application/json",
                          bytes(QUESTION + "\"" + text + "\"}}"))));
      assertThat(problem.get("detail").asString()).as(text).startsWith("input.question contains");
    }
    JsonNode inKey =
        rejects(
            400,
            () ->
                http.exchange(
                    post(
                        "/api/runs",
                        "application/json",
                        bytes(QUESTION + "\"x\",\"nested\":[{\"k\\u0007\":1}]}}"))));
    assertThat(inKey.get("detail").asString()).contains("a property name in input.nested[0]");
    JsonNode inAgent =
        rejects(
            400,
            () ->
                http.exchange(
                    post(
                        "/api/runs",
                        "application/json",
                        bytes("{\"agent\":\"question-answer\\ud800\",\"input\":{}}"))));
    assertThat(inAgent.get("detail").asString()).startsWith("agent contains");
    // The surrogate as raw bytes (CESU-8), not as an escape.
    byte[] raw =
        concat(
            bytes(QUESTION + "\""),
            new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            bytes("\"}}"));
    rejects(400, () -> http.exchange(post("/api/runs", "application/json", raw)));
  }

  @Test
  void tabNewlineAndPairedSurrogatesAreAccepted() throws Exception {
    ApiClient.Response r =
        api.post("/api/runs", QUESTION + "\"What is a lei?\\n\\tAnd a \\ud83c\\udf3a?\"}}");
    assertThat(r.status()).isEqualTo(202);
  }

  @Test
  void answersAreBoundedTypedAndCheckedBeforeTheWorkflowSeesThem() throws Exception {
    String trip = startTripAndAwaitQuestions();
    String answers = "/api/runs/" + trip + "/answers";
    Map<String, String> expected =
        Map.ofEntries(
            Map.entry(
                "{\"answers\":{\"budget\":null}}", "answers.budget must be a string, not null"),
            Map.entry("{\"answers\":{\"budget\":5}}", "answers.budget must be a string"),
            Map.entry("{\"answers\":{\"budget\":[\"$5\"]}}", "answers.budget must be a string"),
            Map.entry("{\"answers\":[\"$5\"]}", "'answers' must be a JSON object"),
            Map.entry("{\"answers\":\"$5\"}", "'answers' must be a JSON object"),
            Map.entry("{\"answers\":null}", "'answers' is required"),
            Map.entry("[]", "the body must be a JSON object"),
            Map.entry(
                "{\"answers\":{\"budget\":\"\\ud800\"}}", "answers.budget contains an unpaired"),
            Map.entry(
                "{\"answers\":{\"budget\":\"\\u0000\"}}", "answers.budget contains the control"),
            Map.entry(
                "{\"answers\":{\"bud\\u0000get\":\"x\"}}", "a question id in answers contains"),
            Map.entry("{\"answers\":{\" \":\"x\"}}", "empty question id"),
            Map.entry(
                "{\"answers\":{\"budget\":\"" + "x".repeat(2001) + "\"}}",
                "answers.budget is longer than 2000 characters"),
            Map.entry(
                "{\"answers\":{\"" + "q".repeat(2001) + "\":\"x\"}}",
                "is longer than 2000 characters"),
            Map.entry(
                "{\"answers\":{"
                    + IntStream.range(0, 21)
                        .mapToObj(i -> "\"q" + i + "\":\"x\"")
                        .collect(Collectors.joining(","))
                    + "}}",
                "'answers' holds 21 answers; at most 20 are accepted"));
    for (Map.Entry<String, String> body : expected.entrySet()) {
      JsonNode problem =
          rejects(
              400, () -> http.exchange(post(answers, "application/json", bytes(body.getKey()))));
      assertThat(problem.get("detail").asString())
          .as(body.getKey().substring(0, Math.min(60, body.getKey().length())))
          .contains(body.getValue());
    }
    // 2,000 characters is within the limit (counted as characters, not UTF-16 units).
    assertThat(
            api.post(
                    answers, "{\"answers\":{\"budget\":\"" + "\\ud83c\\udf3a".repeat(2000) + "\"}}")
                .status())
        .isEqualTo(200);
    api.post("/api/runs/" + trip + "/cancel", null);
  }

  @Test
  void lastEventIdIsDigitsOnly() throws Exception {
    String trip = startTripAndAwaitQuestions();
    String events = "/api/runs/" + trip + "/events";
    for (String id :
        List.of("+5", "5 x", "0x5", "5.0", "1e3", "-4", "5,6", "99999999999999999999")) {
      JsonNode problem = rejects(400, () -> http.exchange(get(events, "Last-Event-ID: " + id)));
      assertThat(problem.get("detail").asString()).startsWith("malformed Last-Event-ID '");
    }
    // Digits of another script, which Long.parseLong would take, and padding the header trims.
    for (String query : List.of("%D9%A5", "%EF%BC%95", "%205", "5%20", "+5")) {
      rejects(400, () -> http.exchange(get(events + "?lastEventId=" + query)));
    }
    api.post("/api/runs/" + trip + "/cancel", null);
  }

  @Test
  void headOnTheEventsOfARunningRunAnswersHeadersOnlyAndEnds() throws Exception {
    String trip = startTripAndAwaitQuestions();
    Set<String> before = executions();
    // Read until the server closes the connection: a stream left open would never close it.
    RawHttp.Answer head =
        http.exchangeUntilClosed(
            "HEAD /api/runs/" + trip + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close");
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("Content-Type")).startsWith("text/event-stream");
    assertThat(head.header("Agentstream-Protocol")).isNotNull();
    assertThat(head.body()).isEmpty();
    assertThat(head.took()).isLessThan(BOUND);
    assertThat(executions()).isEqualTo(before);

    RawHttp.Answer unknown =
        http.exchange(
            "HEAD /api/runs/run-nope/events HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
    RawHttp.Answer malformed =
        http.exchange(
            "HEAD /api/runs/"
                + trip
                + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\nLast-Event-ID: +5\r\nConnection: close");
    assertThat(malformed.status()).isEqualTo(400);
    api.post("/api/runs/" + trip + "/cancel", null);
  }

  @Test
  void theContainersOwnErrorsAreProblems() throws Exception {
    String longValue = "a".repeat(10_000);
    rejects(400, () -> http.exchange(get("/api/agents", "X-Filler: " + longValue)));
    rejects(
        400, () -> http.exchange(get("/api/runs/run-nope/events", "Last-Event-ID: " + longValue)));
    rejects(400, () -> http.exchange(get("/api/runs/" + longValue)));
    rejects(400, () -> http.exchange(get("/api/runs/%zz")));
    rejects(400, () -> http.exchange(get("/api/runs/a b")));
    rejects(400, () -> http.exchange(get("/api/runs/run-<script>")));
    rejects(400, () -> http.exchange("GARBAGE"));
    rejects(400, () -> http.exchange(get("/api/agents", "X-Control: a\u0001b")));
    smugglingIsRefused();
    RawHttp.Answer version = http.exchange("GET /api/agents HTTP/9.9\r\nHost: 127.0.0.1");
    assertThat(version.status()).isEqualTo(505);
    assertProblem(version, 505);
  }

  /**
   * A request with both {@code Content-Length} and {@code Transfer-Encoding} (request smuggling).
   * RFC 9112 section 6.3 lets a server answer it by {@code Transfer-Encoding} alone and requires it
   * to close the connection; Tomcat does, and an empty chunked body is refused as a missing body.
   * Once in a CI run the connection closed with no answer at all, which the RFC also allows, so
   * that outcome passes too, but only with nothing started and the server healthy.
   */
  private void smugglingIsRefused() throws Exception {
    Set<String> before = executions();
    RawHttp.Answer answer;
    try {
      answer =
          http.exchange(
              "POST /api/runs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                  + "\r\nContent-Length: 5\r\nTransfer-Encoding: chunked",
              bytes("0\r\n\r\n"));
    } catch (RawHttp.ClosedWithoutAnswer closed) {
      answer = null;
    }
    if (answer != null) {
      assertThat(answer.took()).isLessThan(BOUND);
      assertProblem(answer, 400);
      assertThat(answer.header("Connection")).isEqualTo("close");
    }
    assertThat(executions()).isEqualTo(before);
    assertThat(http.exchange(get("/actuator/health")).status()).isEqualTo(200);
  }

  @Test
  void pathTraversalInIdsIsRejected() throws Exception {
    for (String id :
        List.of(
            "..%2F..%2Fetc",
            "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fetc", "..%5C..%5Cetc", "..;", "%00")) {
      for (String suffix : List.of("", "/events", "/answers", "/cancel")) {
        String target = "/api/runs/" + id + suffix;
        RawHttp.Answer answer =
            suffix.isEmpty() || suffix.equals("/events")
                ? http.exchange(get(target))
                : http.exchange(
                    post(target, "application/json", bytes("{\"answers\":{\"a\":\"b\"}}")));
        assertThat(answer.status()).as(target).isBetween(400, 404);
        rejects(answer.status(), () -> answer);
      }
    }
    rejects(404, () -> http.exchange(get("/api/runs/run-..")));
  }

  @Test
  void overlongIdsAndKeysAreRejectedWithoutQuotingThemAtLength() throws Exception {
    String id = "r".repeat(5_000);
    JsonNode problem = rejects(404, () -> http.exchange(get("/api/runs/" + id)));
    assertThat(problem.get("detail").asString()).hasSizeLessThan(100);
    rejects(404, () -> http.exchange(get("/api/runs/" + id + "/events")));
    rejects(
        404,
        () ->
            http.exchange(
                post(
                    "/api/runs/" + id + "/answers",
                    "application/json",
                    bytes("{\"answers\":{\"a\":\"b\"}}"))));
    byte[] body = bytes(QUESTION + "\"What is a lei?\"}}");
    JsonNode key =
        rejects(
            400,
            () ->
                http.exchange(
                    post(
                        "/api/runs",
                        "application/json",
                        body,
                        "Idempotency-Key: " + "k".repeat(5_000))));
    assertThat(key.get("detail").asString()).contains("Idempotency-Key").hasSizeLessThan(120);
    rejects(
        400,
        () ->
            http.exchange(
                post("/api/runs", "application/json", body, "Idempotency-Key: caf\u00e9")));
    rejects(
        400,
        () ->
            http.exchange(
                post(
                    "/api/runs",
                    "application/json",
                    body,
                    "Idempotency-Key: " + "k".repeat(10_000))));
  }

  @Test
  void unknownRoutesAre404WithoutEchoingThePath() throws Exception {
    for (String path :
        List.of(
            "/BOOT-INF/classes/application.yml",
            "/BOOT-INF/lib/",
            "/WEB-INF/web.xml",
            "/META-INF/MANIFEST.MF",
            "/api/nope",
            "/api/runs/run-nope/nope",
            "/error",
            "/actuator/env")) {
      JsonNode problem = rejects(404, () -> http.exchange(get(path)));
      assertThat(problem.get("type").asString()).endsWith("/not-found");
      assertThat(problem.toString()).doesNotContain(path);
    }
  }

  @Test
  void wrongMethodsAre405() throws Exception {
    rejects(405, () -> http.exchange("DELETE /api/runs HTTP/1.1\r\nHost: 127.0.0.1"));
    rejects(405, () -> http.exchange("PUT /api/runs/run-nope/answers HTTP/1.1\r\nHost: 127.0.0.1"));
    rejects(405, () -> http.exchange("GET /api/runs/run-nope/cancel HTTP/1.1\r\nHost: 127.0.0.1"));
    rejects(405, () -> http.exchange("PATCH /api/agents HTTP/1.1\r\nHost: 127.0.0.1"));
    rejects(405, () -> http.exchange("TRACE /api/agents HTTP/1.1\r\nHost: 127.0.0.1"));
  }

  @Test
  void sameIdempotencyKeyAndBodyNameTheSameRunAlsoAfterItClosed() throws Exception {
    Map<String, String> key = Map.of("Idempotency-Key", "hostile-" + UUID.randomUUID());
    String body = QUESTION + "\"What is a lei?\"}}";
    Set<String> before = executions();
    ApiClient.Response first = api.post("/api/runs", body, key);
    ApiClient.Response again = api.post("/api/runs", body, key);
    String runId = (String) first.body().get("runId");
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.body().get("runId")).isEqualTo(runId);
    // The same request in another JSON spelling (spaces, key order) is the same request.
    ApiClient.Response respelled =
        api.post(
            "/api/runs",
            "{ \"input\": {\"question\": \"What is a lei?\"}, \"agent\": \"question-answer\" }",
            key);
    assertThat(respelled.body().get("runId")).isEqualTo(runId);
    Set<String> started = executions();
    assertThat(started).hasSize(before.size() + 1);

    awaitStatus(runId, "COMPLETED");
    ApiClient.Response afterClose = api.post("/api/runs", body, key);
    assertThat(afterClose.status()).isEqualTo(202);
    assertThat(afterClose.body())
        .containsEntry("runId", runId)
        .containsEntry("status", "COMPLETED");
    assertThat(executions()).as("no new execution of the closed run").isEqualTo(started);
  }

  @Test
  void sameIdempotencyKeyWithADifferentBodyIs422NamingTheKey() throws Exception {
    String key = "hostile-" + UUID.randomUUID();
    String runId =
        (String)
            api.post("/api/runs", QUESTION + "\"What is a lei?\"}}", Map.of("Idempotency-Key", key))
                .body()
                .get("runId");
    byte[] other = bytes(QUESTION + "\"What is a luau?\"}}");
    JsonNode problem =
        rejects(
            422,
            () ->
                http.exchange(
                    post("/api/runs", "application/json", other, "Idempotency-Key: " + key)));
    assertThat(problem.get("type").asString()).endsWith("/idempotency-key-reused");
    assertThat(problem.get("detail").asString()).contains("Idempotency-Key '" + key + "'");

    awaitStatus(runId, "COMPLETED");
    rejects(
        422,
        () ->
            http.exchange(post("/api/runs", "application/json", other, "Idempotency-Key: " + key)));
  }

  // --- the checks every hostile request must pass

  @FunctionalInterface
  interface Exchange {
    RawHttp.Answer send() throws IOException;
  }

  /** Sends the request and checks the answer, the workflows and the server's health. */
  private JsonNode rejects(int status, Exchange request) throws Exception {
    Set<String> before = executions();
    RawHttp.Answer answer = request.send();
    assertThat(answer.took()).as("time to answer %s", answer.text()).isLessThan(BOUND);
    assertThat(status).isBetween(400, 499);
    JsonNode problem = assertProblem(answer, status);
    assertThat(executions()).as("workflows after %s", answer.text()).isEqualTo(before);
    RawHttp.Answer health = http.exchange(get("/actuator/health"));
    assertThat(health.status()).as("health after %s", answer.text()).isEqualTo(200);
    return problem;
  }

  private static JsonNode assertProblem(RawHttp.Answer answer, int status) {
    assertThat(answer.status()).as("status of %s", answer.text()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    JsonNode problem = JSON.readTree(answer.body());
    assertThat(problem.get("type").asString()).startsWith(ProblemType.BASE);
    assertThat(problem.get("title").asString()).isNotBlank();
    assertThat(problem.get("detail").asString()).isNotBlank();
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(answer.text()).doesNotContainPattern(LEAK);
    return problem;
  }

  /** Every execution in the namespace, open or closed, by Temporal run id. */
  private Set<String> executions() {
    var stub = workflows.getWorkflowServiceStubs().blockingStub();
    String namespace = workflows.getOptions().getNamespace();
    List<WorkflowExecutionInfo> all = new ArrayList<>();
    all.addAll(
        stub.listOpenWorkflowExecutions(
                ListOpenWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(namespace)
                    .setMaximumPageSize(10_000)
                    .build())
            .getExecutionsList());
    all.addAll(
        stub.listClosedWorkflowExecutions(
                ListClosedWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(namespace)
                    .setMaximumPageSize(10_000)
                    .build())
            .getExecutionsList());
    Set<String> runs = new HashSet<>();
    all.forEach(i -> runs.add(i.getExecution().getRunId()));
    return runs;
  }

  private String startTripAndAwaitQuestions() throws Exception {
    String trip =
        (String)
            api.post(
                    "/api/runs",
                    "{\"agent\":\"trip-planner\",\"input\":{\"request\":\"Plan a 5-day trip to Hawaii\"}}")
                .body()
                .get("runId");
    awaitStatus(trip, "WAITING_FOR_INPUT");
    return trip;
  }

  private void awaitStatus(String runId, String status) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (!status.equals(api.get("/api/runs/" + runId).body().get("status"))) {
      assertThat(System.currentTimeMillis())
          .as("%s reaches %s", runId, status)
          .isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static String get(String target, String... headers) {
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close" + lines(headers);
  }

  private static RawHttp.Request post(
      String target, String contentType, byte[] body, String... headers) {
    String head =
        "POST "
            + target
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: "
            + contentType
            + "\r\nContent-Length: "
            + body.length
            + lines(headers);
    return new RawHttp.Request(head.getBytes(StandardCharsets.ISO_8859_1), body);
  }

  private static String lines(String... headers) {
    StringBuilder out = new StringBuilder();
    for (String header : headers) {
      out.append("\r\n").append(header);
    }
    return out.toString();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[][] repeat(byte[] part, int times) {
    byte[][] parts = new byte[times][];
    java.util.Arrays.fill(parts, part);
    return parts;
  }
}
