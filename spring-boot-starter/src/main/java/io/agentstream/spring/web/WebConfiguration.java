package io.agentstream.spring.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The runs API ({@code /api/runs}, {@code /api/agents}) and its problem-details mapping. */
@Configuration(proxyBeanMethods = false)
@Import({RunController.class, AgentController.class, ProblemDetailsAdvice.class})
public class WebConfiguration {}
