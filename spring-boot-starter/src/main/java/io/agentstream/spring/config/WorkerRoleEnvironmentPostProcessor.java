package io.agentstream.spring.config;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A {@code worker}-role process serves only its actuator endpoints (health, Prometheus metrics), on
 * its management port: {@code management.server.port}, {@value Role#WORKER_MANAGEMENT_PORT} unless
 * set. Its one web server listens there: {@code server.port} is set to that port and {@code
 * management.server.port} cleared, so actuator shares the main context, which holds no API (the
 * runs API, SSE and the page are off, {@link io.agentstream.spring.config.ServesApi}), and so are
 * static resources and the OpenAPI document. Several workers on one machine each need their own
 * management port (0 picks a free one); {@code management.server.port=-1} or {@code
 * spring.main.web-application-type=none} turns HTTP off.
 */
public class WorkerRoleEnvironmentPostProcessor implements EnvironmentPostProcessor {

  static final String MANAGEMENT_PORT = "management.server.port";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    if (Role.of(env).servesApi() || env.getProperty("spring.main.web-application-type") != null) {
      return;
    }
    String port = env.getProperty(MANAGEMENT_PORT, Role.WORKER_MANAGEMENT_PORT);
    // First, so that PORT and server.port, which configure the API's port, do not apply here. An
    // empty management port reads as unset: one server, one context (the same port number would be
    // that too, except for 0, which would give actuator a second random port).
    env.getPropertySources()
        .addFirst(
            new MapPropertySource(
                "agentstreamWorkerRole",
                Map.of(
                    "server.port",
                    port,
                    MANAGEMENT_PORT,
                    "",
                    "spring.web.resources.add-mappings",
                    "false",
                    "springdoc.api-docs.enabled",
                    "false",
                    "springdoc.swagger-ui.enabled",
                    "false")));
  }
}
