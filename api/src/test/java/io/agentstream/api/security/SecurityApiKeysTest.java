package io.agentstream.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.api.client.ApiClient;
import io.agentstream.api.client.SseClient;
import io.agentstream.spring.security.ApiKeys;
import io.agentstream.spring.security.Caller;
import io.agentstream.spring.security.StreamTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Keys on: two callers and an admin. A caller sees and acts on its own runs only (another's run is
 * a 404 exactly like an unknown id), a missing or wrong key is a 401 problem, a stream token opens
 * its own run's events only and only until it expires, and the admin sees everything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SecurityApiKeysTest {

  static final String ALICE = ApiKeys.newKey();
  static final String BOB = ApiKeys.newKey();
  static final String ROOT = ApiKeys.newKey();
  static final String TRIP =
      "{\"agent\":\"trip-planner\",\"input\":{\"request\":\"Plan a 5-day trip to Hawaii\"}}";

  @DynamicPropertySource
  static void keys(DynamicPropertyRegistry registry) {
    registry.add(
        "agentstream.security.api-keys",
        () ->
            String.join(
                ",",
                ApiKeys.entryFor("alice", ALICE, false),
                ApiKeys.entryFor("bob", BOB, false),
                ApiKeys.entryFor("root", ROOT, true)));
    registry.add("server.address", () -> "127.0.0.1");
  }

  @LocalServerPort int port;
  @Autowired StreamTokens tokens;
  ApiClient api;
  final SseClient sse = new SseClient();

  @BeforeEach
  void setUp() {
    api = new ApiClient("http://127.0.0.1:" + port);
  }

  static Map<String, String> as(String key) {
    return Map.of("Authorization", "Bearer " + key);
  }

  String startTrip(String key) throws Exception {
    ApiClient.Response created = api.post("/api/runs", TRIP, as(key));
    assertThat(created.status()).isEqualTo(202);
    return (String) created.body().get("runId");
  }

  @Test
  void anotherCallersRunIsNotFoundLikeAnUnknownId() throws Exception {
    String run = startTrip(ALICE);
    assertThat(api.get("/api/runs/" + run, as(ALICE)).status()).isEqualTo(200);

    assertSameAsUnknown(api.get("/api/runs/" + run, as(BOB)), run);
    assertSameAsUnknown(api.get("/api/runs/" + run + "/events", as(BOB)), run);
    assertSameAsUnknown(
        api.post("/api/runs/" + run + "/answers", "{\"answers\":{\"budget\":\"$9\"}}", as(BOB)),
        run);
    assertSameAsUnknown(api.post("/api/runs/" + run + "/cancel", null, as(BOB)), run);
    assertSameAsUnknown(api.post("/api/runs/" + run + "/finish-now", null, as(BOB)), run);
    assertSameAsUnknown(api.post("/api/runs/" + run + "/stream-token", null, as(BOB)), run);
    String unknown = "run-nope";
    assertSameAsUnknown(api.get("/api/runs/" + unknown, as(BOB)), unknown);

    // Still alice's and still running: bob's cancel did nothing.
    assertThat(api.get("/api/runs/" + run, as(ALICE)).body().get("status"))
        .isIn("RUNNING", "WAITING_FOR_INPUT");
    assertThat(api.post("/api/runs/" + run + "/cancel", null, as(ALICE)).status()).isEqualTo(202);
  }

  @Test
  void aCallerListsOnlyItsOwnRunsAndTheAdminListsAll() throws Exception {
    String alices = startTrip(ALICE);
    String bobs = startTrip(BOB);
    assertThat(runIds(ALICE)).contains(alices).doesNotContain(bobs);
    assertThat(runIds(BOB)).contains(bobs).doesNotContain(alices);
    assertThat(runIds(ROOT)).contains(alices, bobs);

    assertThat(api.get("/api/runs/" + alices, as(ROOT)).status()).isEqualTo(200);
    assertThat(api.post("/api/runs/" + alices + "/cancel", null, as(ROOT)).status()).isEqualTo(202);
    assertThat(api.post("/api/runs/" + bobs + "/cancel", null, as(BOB)).status()).isEqualTo(202);
  }

  @Test
  void theSameIdempotencyKeyFromTwoCallersNamesTwoRuns() throws Exception {
    String body = "{\"agent\":\"question-answer\",\"input\":{\"question\":\"What is Temporal?\"}}";
    Map<String, String> alice = Map.of("Authorization", "Bearer " + ALICE, "Idempotency-Key", "k1");
    Map<String, String> bob = Map.of("Authorization", "Bearer " + BOB, "Idempotency-Key", "k1");
    Object first = api.post("/api/runs", body, alice).body().get("runId");
    assertThat(api.post("/api/runs", body, alice).body().get("runId")).isEqualTo(first);
    Object bobs = api.post("/api/runs", body, bob).body().get("runId");
    assertThat(bobs).isNotEqualTo(first);
    assertThat(api.get("/api/runs/" + bobs, as(BOB)).status()).isEqualTo(200);
  }

  @Test
  void noKeyOrAWrongKeyIs401WithAProblemBody() throws Exception {
    for (ApiClient.Response r :
        List.of(
            api.get("/api/runs"),
            api.post("/api/runs", TRIP),
            api.get("/api/runs", as("ask_wrong")),
            api.get("/api/runs", Map.of("Authorization", "Basic YWxpY2U6eA==")))) {
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.body()).containsKeys("type", "title", "detail").containsEntry("status", 401);
    }
    assertThat(api.get("/api/runs").body().get("detail").toString()).contains("Bearer");
    // Health stays anonymous; the page holds no data.
    assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
    assertThat(api.raw("/")).contains("<title>agentstream</title>");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aStreamTokenOpensItsOwnRunsEventsOnlyUntilItExpires() throws Exception {
    String run = startTrip(ALICE);
    String other = startTrip(ALICE);
    ApiClient.Response issued = api.post("/api/runs/" + run + "/stream-token", "{}", as(ALICE));
    assertThat(issued.status()).isEqualTo(200);
    String token = (String) issued.body().get("token");
    assertThat(issued.body().get("events"))
        .isEqualTo("/api/runs/" + run + "/events?token=" + token);

    SseClient.Outcome opened =
        sse.read(api.uri("/api/runs/" + run + "/events?token=" + token), null, e -> true);
    assertThat(opened.status()).isEqualTo(200);

    ApiClient.Response foreign = api.get("/api/runs/" + other + "/events?token=" + token);
    assertThat(foreign.status()).isEqualTo(401);
    assertThat(foreign.body().get("detail").toString()).contains("another run");
    // Only the events endpoint takes a token.
    assertThat(api.get("/api/runs/" + run + "?token=" + token).status()).isEqualTo(401);
    String expired =
        tokens.issue(run, new Caller("alice", false), Instant.now().minusSeconds(1)).token();
    assertThat(api.get("/api/runs/" + run + "/events?token=" + expired).status()).isEqualTo(401);
    assertThat(api.get("/api/runs/" + run + "/events?token=" + token + "x").status())
        .isEqualTo(401);
    // A genuine token for the run that names another caller still meets the ownership check.
    String bobsForged = tokens.issue(run, new Caller("bob", false)).token();
    assertSameAsUnknown(api.get("/api/runs/" + run + "/events?token=" + bobsForged), run);

    api.post("/api/runs/" + run + "/cancel", null, as(ALICE));
    api.post("/api/runs/" + other + "/cancel", null, as(ALICE));
  }

  @Test
  void responsesCarryTheBrowserHeaders() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String path : List.of("/", "/agentstream-page/app.js", "/api/runs")) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .header("Authorization", "Bearer " + ALICE)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Security-Policy").orElse(""))
          .as(path)
          .contains("script-src 'self'", "frame-ancestors 'none'")
          .doesNotContain("unsafe-inline");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
      assertThat(r.headers().firstValue("Referrer-Policy")).contains("no-referrer");
      assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
    }
    HttpResponse<String> json =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/runs"))
                .header("Authorization", "Bearer " + ALICE)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(json.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    // CORS is off: no origin is allowed.
    HttpResponse<String> cross =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/runs"))
                .header("Authorization", "Bearer " + ALICE)
                .header("Origin", "https://elsewhere.example")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(cross.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  private void assertSameAsUnknown(ApiClient.Response r, String runId) {
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body())
        .containsEntry("title", "Run not found")
        .containsEntry("detail", "no run with id " + runId);
  }

  @SuppressWarnings("unchecked")
  private List<Object> runIds(String key) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/runs"))
                    .header("Authorization", "Bearer " + key)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    List<Map<String, Object>> runs =
        new com.fasterxml.jackson.databind.ObjectMapper().readValue(r.body(), List.class);
    return runs.stream().map(m -> m.get("runId")).toList();
  }
}
