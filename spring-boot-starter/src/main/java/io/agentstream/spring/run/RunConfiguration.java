package io.agentstream.spring.run;

import io.agentstream.spring.agent.AgentCatalog;
import io.agentstream.spring.config.AgentstreamProperties;
import io.temporal.client.WorkflowClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the HTTP layer does to runs, in Temporal terms, and the snapshots of durable state. */
@Configuration(proxyBeanMethods = false)
public class RunConfiguration {

  @Bean
  @ConditionalOnMissingBean
  SnapshotBuilder snapshotBuilder(WorkflowClient client) {
    return new SnapshotBuilder(client);
  }

  @Bean
  @ConditionalOnMissingBean
  RunOwnership runOwnership(SnapshotBuilder snapshots, WorkflowClient client) {
    return new RunOwnership(snapshots, client.getOptions().getDataConverter());
  }

  @Bean
  @ConditionalOnMissingBean
  RunService runService(
      WorkflowClient client,
      AgentCatalog agents,
      SnapshotBuilder snapshots,
      AgentstreamProperties props) {
    return new RunService(client, agents, snapshots, props);
  }
}
