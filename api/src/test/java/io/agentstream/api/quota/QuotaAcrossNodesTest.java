package io.agentstream.api.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.api.AgentstreamApplication;
import io.agentstream.api.client.ApiClient;
import io.agentstream.spring.security.ApiKeys;
import io.agentstream.stream.RequiresRedis;
import io.agentstream.stream.TestRedis;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two API nodes sharing Temporal and a real Redis ({@code stream=redis}): a caller's limits are one
 * limit across both nodes, not one per node. Node A runs the embedded engine and the worker; node B
 * is an API node pointed at A's engine.
 */
@RequiresRedis
class QuotaAcrossNodesTest {

  static final String TRIP =
      "{\"agent\":\"trip-planner\",\"input\":{\"request\":\"Plan a 5-day trip to Hawaii\"}}";
  // A fresh caller per run of the test: its buckets in Redis start full.
  static final String CALLER = "erin-" + UUID.randomUUID().toString().substring(0, 8);
  static final String KEY = ApiKeys.newKey();

  static ConfigurableApplicationContext nodeA;
  static ConfigurableApplicationContext nodeB;
  static ApiClient a;
  static ApiClient b;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startTwoNodes() {
    List<String> common =
        List.of(
            "--agentstream.stream=redis",
            "--spring.data.redis.url=" + TestRedis.url(),
            "--agentstream.security.api-keys=" + ApiKeys.entryFor(CALLER, KEY, false),
            "--server.address=127.0.0.1",
            "--server.port=0",
            "--agentstream.quotas.max-active-runs-per-caller=2",
            "--agentstream.quotas.max-streams-per-caller=2");
    nodeA = start(common);
    String engine = nodeA.getEnvironment().getProperty("spring.temporal.connection.target");
    List<String> apiOnly = new ArrayList<>(common);
    apiOnly.add("--agentstream.role=api");
    apiOnly.add("--TEMPORAL_ADDRESS=" + engine);
    nodeB = start(apiOnly);
    a = new ApiClient(base(nodeA));
    b = new ApiClient(base(nodeB));
  }

  static ConfigurableApplicationContext start(List<String> args) {
    return new SpringApplicationBuilder(AgentstreamApplication.class)
        .profiles("test")
        .run(args.toArray(String[]::new));
  }

  static String base(ConfigurableApplicationContext node) {
    return "http://127.0.0.1:" + ((WebServerApplicationContext) node).getWebServer().getPort();
  }

  @AfterAll
  static void stopNodes() {
    if (nodeB != null) {
      nodeB.close();
    }
    if (nodeA != null) {
      nodeA.close();
    }
  }

  static Map<String, String> auth() {
    return Map.of("Authorization", "Bearer " + KEY);
  }

  @Test
  void activeRunsAndOpenStreamsAreOneLimitAcrossBothNodes() throws Exception {
    ApiClient.Response first = a.post("/api/runs", TRIP, auth());
    ApiClient.Response second = b.post("/api/runs", TRIP, auth());
    assertThat(first.status()).isEqualTo(202);
    assertThat(second.status()).isEqualTo(202);
    String run = (String) first.body().get("runId");
    String other = (String) second.body().get("runId");
    for (ApiClient node : List.of(a, b)) {
      HttpResponse<String> third = post(node, "/api/runs", TRIP);
      assertThat(third.statusCode()).isEqualTo(429);
      assertThat(third.headers().firstValue("Retry-After")).isPresent();
      assertThat(third.body()).contains("max-active-runs-per-caller");
    }

    List<InputStream> open = new ArrayList<>();
    try {
      open.add(openStream(a, run));
      open.add(openStream(b, run));
      for (ApiClient node : List.of(a, b)) {
        HttpResponse<String> third = get(node, "/api/runs/" + run + "/events");
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).isPresent();
        assertThat(third.body()).contains("max-streams-per-caller");
      }
    } finally {
      for (InputStream stream : open) {
        stream.close();
      }
      a.post("/api/runs/" + run + "/cancel", null, auth());
      a.post("/api/runs/" + other + "/cancel", null, auth());
    }
  }

  InputStream openStream(ApiClient node, String runId) throws Exception {
    HttpResponse<InputStream> r =
        http.send(
            request(node, "/api/runs/" + runId + "/events").GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  HttpResponse<String> get(ApiClient node, String path) throws Exception {
    return http.send(request(node, path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(ApiClient node, String path, String json) throws Exception {
    return http.send(
        request(node, path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest.Builder request(ApiClient node, String path) {
    return HttpRequest.newBuilder(node.uri(path)).header("Authorization", "Bearer " + KEY);
  }
}
