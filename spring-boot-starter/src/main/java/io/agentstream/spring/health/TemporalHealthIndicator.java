package io.agentstream.spring.health;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether the Temporal server answers: one {@code GetSystemInfo} call with a short deadline. Runs
 * cannot start, be messaged or be read without it, so it belongs in readiness.
 */
final class TemporalHealthIndicator implements HealthIndicator {

  private final WorkflowClient client;

  TemporalHealthIndicator(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public Health health() {
    try {
      var info =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .withDeadlineAfter(2, TimeUnit.SECONDS)
              .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      return Health.up()
          .withDetail("namespace", client.getOptions().getNamespace())
          .withDetail("serverVersion", info.getServerVersion())
          .build();
    } catch (RuntimeException e) {
      return Health.down()
          .withDetail("namespace", client.getOptions().getNamespace())
          .withDetail("error", e.getClass().getSimpleName())
          .build();
    }
  }
}
