package io.agentstream.spring.web;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Response of {@code POST /api/runs/{runId}/cancel} and {@code /finish-now}.
 *
 * @param runId the run
 * @param requested {@code cancel} or {@code finish-now}
 */
@Schema(description = "What was asked of the run")
record StopRequested(
    String runId,
    @Schema(
            description = "what was asked",
            allowableValues = {"cancel", "finish-now"})
        String requested) {}
