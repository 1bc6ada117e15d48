package io.agentstream.spring.agent;

import io.agentstream.run.StepPolicy;
import io.agentstream.spring.config.AgentstreamProperties;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The agents the application declares, and the step policy every agent's workflow uses. */
@Configuration(proxyBeanMethods = false)
public class AgentConfiguration {

  @Bean
  @ConditionalOnMissingBean
  AgentCatalog agentCatalog(List<AgentDefinition> agents) {
    return new AgentCatalog(agents);
  }

  /** Timeouts and retries of steps, from {@code agentstream.steps.*}. */
  @Bean
  @ConditionalOnMissingBean
  StepPolicy stepPolicy(AgentstreamProperties props) {
    AgentstreamProperties.Steps s = props.steps();
    return new StepPolicy(
        s.startToCloseTimeout(),
        s.heartbeatTimeout(),
        s.initialRetryInterval(),
        s.maxRetryInterval(),
        s.maxAttempts());
  }
}
