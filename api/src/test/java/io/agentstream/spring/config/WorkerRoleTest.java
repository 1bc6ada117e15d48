package io.agentstream.spring.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.api.AgentstreamApplication;
import io.agentstream.api.client.ApiClient;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * A worker serves its actuator endpoints, and nothing else, on its management port, so every
 * process can be scraped; the API's port settings do not apply to it.
 */
class WorkerRoleTest {

  @Test
  void aWorkerServesHealthAndMetricsOnItsManagementPortAndNoApi() throws Exception {
    try (ConfigurableApplicationContext worker =
        new SpringApplicationBuilder(AgentstreamApplication.class)
            .run(
                "--agentstream.role=worker",
                "--management.server.port=0",
                "--agentstream.engine.port=0",
                "--logging.level.root=warn")) {
      int port = ((WebServerApplicationContext) worker).getWebServer().getPort();
      ApiClient http = new ApiClient("http://127.0.0.1:" + port);

      assertThat(http.get("/actuator/health").status()).isEqualTo(200);
      assertThat(http.get("/actuator/health").body()).containsEntry("status", "UP");
      String metrics = http.raw("/actuator/prometheus");
      assertThat(metrics).contains("agentstream_tokens_emitted_total", "jvm_memory_used_bytes");

      for (String path : new String[] {"/api/runs", "/api/agents", "/", "/v3/api-docs"}) {
        assertThat(http.get(path).status()).as(path).isEqualTo(404);
      }
    }
  }

  @Test
  void aWorkersPortIsItsManagementPort8081UnlessSetAndNeverTheApiPort() {
    assertThat(workerEnvironment(Map.of("PORT", "9090")).getProperty("server.port"))
        .isEqualTo("8081");
    assertThat(
            workerEnvironment(Map.of("management.server.port", "9100", "server.port", "8080"))
                .getProperty("server.port"))
        .isEqualTo("9100");
    StandardEnvironment api = environment(Map.of("agentstream.role", "api", "PORT", "9090"));
    new WorkerRoleEnvironmentPostProcessor().postProcessEnvironment(api, null);
    assertThat(api.getProperty("server.port")).isNull();
  }

  private static StandardEnvironment workerEnvironment(Map<String, Object> settings) {
    Map<String, Object> all = new HashMap<>(settings);
    all.put("agentstream.role", "worker");
    StandardEnvironment env = environment(all);
    new WorkerRoleEnvironmentPostProcessor().postProcessEnvironment(env, null);
    return env;
  }

  private static StandardEnvironment environment(Map<String, Object> settings) {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().addLast(new MapPropertySource("test", settings));
    return env;
  }
}
