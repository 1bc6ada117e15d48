package io.agentstream.spring.web;

import java.util.Map;

/** Body of {@code POST /api/runs}. */
record SubmitRunRequest(String agent, Map<String, Object> input) {}
