package io.agentstream.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.api.client.ApiClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Liveness and readiness probes: ready means Temporal answers and this process's worker polls. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "management.endpoint.health.show-components=always")
@ActiveProfiles("test")
class HealthProbesTest {

  @LocalServerPort int port;

  @Test
  @SuppressWarnings("unchecked")
  void readinessIncludesTemporalAndThePollingWorker() throws Exception {
    ApiClient api = new ApiClient("http://127.0.0.1:" + port);

    ApiClient.Response readiness = api.get("/actuator/health/readiness");
    ApiClient.Response liveness = api.get("/actuator/health/liveness");

    assertThat(readiness.status()).isEqualTo(200);
    assertThat(readiness.body()).containsEntry("status", "UP");
    Map<String, Object> components = (Map<String, Object>) readiness.body().get("components");
    assertThat(components).containsKeys("readinessState", "temporal", "agentWorker");
    assertThat((Map<String, Object>) components.get("temporal")).containsEntry("status", "UP");
    assertThat((Map<String, Object>) components.get("agentWorker")).containsEntry("status", "UP");
    assertThat(liveness.status()).isEqualTo(200);
  }
}
