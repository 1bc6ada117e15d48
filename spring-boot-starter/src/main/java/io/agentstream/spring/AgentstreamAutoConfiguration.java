package io.agentstream.spring;

import io.agentstream.spring.agent.AgentConfiguration;
import io.agentstream.spring.config.AgentstreamProperties;
import io.agentstream.spring.encryption.CodecController;
import io.agentstream.spring.encryption.EncryptionConfiguration;
import io.agentstream.spring.health.HealthConfiguration;
import io.agentstream.spring.model.ModelConfiguration;
import io.agentstream.spring.page.PageConfiguration;
import io.agentstream.spring.quota.QuotaConfiguration;
import io.agentstream.spring.redis.RedisConfiguration;
import io.agentstream.spring.run.RunConfiguration;
import io.agentstream.spring.security.SecurityConfiguration;
import io.agentstream.spring.sse.SseConfiguration;
import io.agentstream.spring.stream.StreamConfiguration;
import io.agentstream.spring.web.WebConfiguration;
import io.agentstream.spring.worker.WorkerConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Durable streaming for the agents an application declares as {@link
 * io.agentstream.spring.agent.AgentDefinition} beans: the live channel, the worker that runs their
 * workflows and steps, the runs API and the event stream. Every bean backs off when the application
 * declares its own; {@code agentstream.enabled=false} switches it all off, {@code
 * agentstream.api.enabled=false} the HTTP endpoints (and their security and page), {@code
 * agentstream.page.enabled=false} the live page only, {@code agentstream.role=api} the worker.
 */
@AutoConfiguration(
    afterName = {
      "io.temporal.spring.boot.autoconfigure.ServiceStubsAutoConfiguration",
      "io.temporal.spring.boot.autoconfigure.RootNamespaceAutoConfiguration"
    },
    // Before Spring MVC's error handling, so its /error controller backs off for ours, and before
    // Spring Boot's default security (a form login, a generated password) and the actuator's,
    // which back off for agentstream's.
    beforeName = {
      "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
      "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration"
    })
@ConditionalOnProperty(name = "agentstream.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(AgentstreamProperties.class)
@Import({
  AgentConfiguration.class,
  EncryptionConfiguration.class,
  ModelConfiguration.class,
  RedisConfiguration.class,
  StreamConfiguration.class,
  RunConfiguration.class,
  WorkerConfiguration.class,
  HealthConfiguration.class,
  AgentstreamAutoConfiguration.Http.class
})
public class AgentstreamAutoConfiguration {

  /**
   * The HTTP endpoints, in a servlet web application unless {@code agentstream.api.enabled=false}.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnProperty(
      name = "agentstream.api.enabled",
      havingValue = "true",
      matchIfMissing = true)
  @Import({
    WebConfiguration.class,
    SseConfiguration.class,
    SecurityConfiguration.class,
    PageConfiguration.class,
    QuotaConfiguration.class,
    CodecController.class
  })
  static class Http {}
}
