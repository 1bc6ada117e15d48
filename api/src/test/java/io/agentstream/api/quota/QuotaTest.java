package io.agentstream.api.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentstream.api.client.ApiClient;
import io.agentstream.spring.security.ApiKeys;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Quotas on one node (memory mode): a caller's (n+1)-th active run and (n+1)-th open stream are 429
 * problems with {@code Retry-After} naming the limit, other callers are not affected, and the
 * node's stream cap is a 503.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class QuotaTest {

  static final String TRIP =
      "{\"agent\":\"trip-planner\",\"input\":{\"request\":\"Plan a 5-day trip to Hawaii\"}}";
  static final List<String> CALLERS = List.of("alice", "bob", "carol", "dave");
  static final Map<String, String> KEYS =
      Map.of(
          "alice", ApiKeys.newKey(),
          "bob", ApiKeys.newKey(),
          "carol", ApiKeys.newKey(),
          "dave", ApiKeys.newKey());

  @DynamicPropertySource
  static void quotas(DynamicPropertyRegistry registry) {
    registry.add(
        "agentstream.security.api-keys",
        () ->
            String.join(
                ",", CALLERS.stream().map(c -> ApiKeys.entryFor(c, KEYS.get(c), false)).toList()));
    registry.add("server.address", () -> "127.0.0.1");
    registry.add("agentstream.quotas.max-active-runs-per-caller", () -> "2");
    registry.add("agentstream.quotas.max-streams-per-caller", () -> "2");
    registry.add("agentstream.sse.max-streams-per-node", () -> "3");
    registry.add("agentstream.quotas.active-runs-refresh", () -> "1s");
  }

  @LocalServerPort int port;
  ApiClient api;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void setUp() {
    api = new ApiClient("http://127.0.0.1:" + port);
  }

  static Map<String, String> as(String caller) {
    return Map.of("Authorization", "Bearer " + KEYS.get(caller));
  }

  String startTrip(String caller) throws Exception {
    ApiClient.Response created = api.post("/api/runs", TRIP, as(caller));
    assertThat(created.status()).isEqualTo(202);
    return (String) created.body().get("runId");
  }

  @Test
  void theRunOverTheActiveRunQuotaIs429WithRetryAfter() throws Exception {
    String first = startTrip("alice");
    String second = startTrip("alice");
    HttpResponse<String> third = post("/api/runs", TRIP, "alice");
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.headers().firstValue("Retry-After"))
        .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
    assertThat(third.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(third.body())
        .contains("max-active-runs-per-caller", "\"status\":429")
        .doesNotContain("Exception");
    // Another caller's quota is its own.
    String bobs = startTrip("bob");
    api.post("/api/runs/" + bobs + "/cancel", null, as("bob"));

    // A run that ends gives its slot back once the open runs are listed again.
    assertThat(api.post("/api/runs/" + first + "/cancel", null, as("alice")).status())
        .isEqualTo(202);
    List<String> late = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              ApiClient.Response again = api.post("/api/runs", TRIP, as("alice"));
              if (again.status() == 202) {
                late.add((String) again.body().get("runId"));
                return true;
              }
              assertThat(again.status()).isEqualTo(429);
              return false;
            });
    String afterCancel = late.get(0);
    api.post("/api/runs/" + second + "/cancel", null, as("alice"));
    api.post("/api/runs/" + afterCancel + "/cancel", null, as("alice"));
  }

  @Test
  void streamsOverTheCallersCapAre429AndOverTheNodesCap503() throws Exception {
    String carols = startTrip("carol");
    String daves = startTrip("dave");
    List<InputStream> open = new ArrayList<>();
    try {
      open.add(openStream(carols, "carol"));
      open.add(openStream(carols, "carol"));
      HttpResponse<String> carolsThird = get("/api/runs/" + carols + "/events", "carol");
      assertThat(carolsThird.statusCode()).isEqualTo(429);
      assertThat(carolsThird.headers().firstValue("Retry-After")).isPresent();
      assertThat(carolsThird.body()).contains("max-streams-per-caller");

      open.add(openStream(daves, "dave")); // the node's third and last
      HttpResponse<String> overNode = get("/api/runs/" + daves + "/events", "dave");
      assertThat(overNode.statusCode()).isEqualTo(503);
      assertThat(overNode.headers().firstValue("Retry-After")).isPresent();
      assertThat(overNode.body()).contains("max-streams-per-node");
    } finally {
      for (InputStream stream : open) {
        stream.close();
      }
      api.post("/api/runs/" + carols + "/cancel", null, as("carol"));
      api.post("/api/runs/" + daves + "/cancel", null, as("dave"));
    }
  }

  InputStream openStream(String runId, String caller) throws Exception {
    HttpResponse<InputStream> r =
        http.send(
            request("/api/runs/" + runId + "/events", caller).GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  HttpResponse<String> get(String path, String caller) throws Exception {
    return http.send(request(path, caller).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String json, String caller) throws Exception {
    return http.send(
        request(path, caller)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest.Builder request(String path, String caller) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + KEYS.get(caller));
  }
}
