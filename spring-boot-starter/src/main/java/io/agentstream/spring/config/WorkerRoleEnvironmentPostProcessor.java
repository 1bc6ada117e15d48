package io.agentstream.spring.config;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A {@code worker}-role process serves no HTTP, so several workers can run on one machine without
 * fighting over the port.
 */
public class WorkerRoleEnvironmentPostProcessor implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    if (!Role.of(env).servesHttp() && env.getProperty("spring.main.web-application-type") == null) {
      env.getPropertySources()
          .addLast(
              new MapPropertySource(
                  "agentstreamWorkerRole", Map.of("spring.main.web-application-type", "none")));
    }
  }
}
