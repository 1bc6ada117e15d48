package io.agentstream.spring.health;

import io.temporal.client.WorkflowClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health of what runs need: {@code temporal} (the server answers) and {@code agentWorker} (this
 * process's worker polls; a process in the {@code api} role has none and says so). Both belong in
 * the readiness group: {@code management.endpoint.health.group.readiness.include=
 * readinessState,temporal,agentWorker}.
 */
@Configuration(proxyBeanMethods = false)
public class HealthConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "temporalHealthIndicator")
  HealthIndicator temporalHealthIndicator(WorkflowClient client) {
    return new TemporalHealthIndicator(client);
  }

  /** In the {@code api} role: no worker here, which is as it should be. */
  @Bean
  @ConditionalOnMissingBean(name = "agentWorkerHealthIndicator")
  HealthIndicator agentWorkerHealthIndicator() {
    return () -> Health.up().withDetail("worker", "none in this role").build();
  }
}
