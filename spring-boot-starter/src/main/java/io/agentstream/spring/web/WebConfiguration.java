package io.agentstream.spring.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The runs API ({@code /api/runs}, {@code /api/agents}), its problem-details mapping, and the
 * servlet container's own errors answered the same way, the run's id in the MDC of requests about a
 * run, and the OpenAPI document when the application has springdoc.
 */
@Configuration(proxyBeanMethods = false)
@Import({
  RunController.class,
  AgentController.class,
  ProblemDetailsAdvice.class,
  ProblemErrorController.class,
  TomcatCustomizer.class,
  RunRequestLogging.class,
  OpenApiConfiguration.class
})
public class WebConfiguration {}
