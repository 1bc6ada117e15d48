package io.agentstream.spring.sse;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The event stream, {@code GET /api/runs/{runId}/events}. */
@Configuration(proxyBeanMethods = false)
@Import(RunEventsController.class)
public class SseConfiguration {}
