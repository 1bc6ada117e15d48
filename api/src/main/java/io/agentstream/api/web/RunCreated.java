package io.agentstream.api.web;

/** Response of {@code POST /api/runs}. */
record RunCreated(String runId, String status, Links links) {
  record Links(String self, String events) {}
}
