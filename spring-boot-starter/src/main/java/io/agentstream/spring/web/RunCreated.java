package io.agentstream.spring.web;

import io.agentstream.protocol.RunStatus;

/** Response of {@code POST /api/runs}. */
record RunCreated(String runId, RunStatus status, Links links) {
  record Links(String self, String events) {}
}
