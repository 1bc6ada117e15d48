package io.agentstream.spring.web;

import java.util.Map;

/** Body of {@code POST /api/runs/{runId}/answers}. */
record AnswersRequest(Map<String, String> answers) {}
