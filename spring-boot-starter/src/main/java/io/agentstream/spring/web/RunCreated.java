package io.agentstream.spring.web;

import io.agentstream.protocol.RunStatus;
import io.swagger.v3.oas.annotations.media.Schema;

/** Response of {@code POST /api/runs}. */
@Schema(description = "A started run and where to follow it")
record RunCreated(String runId, RunStatus status, Links links) {
  @Schema(description = "The run's snapshot and its event stream")
  record Links(String self, String events) {}
}
