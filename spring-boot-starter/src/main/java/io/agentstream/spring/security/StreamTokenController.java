package io.agentstream.spring.security;

import io.agentstream.spring.config.ServesApi;
import io.agentstream.spring.run.SnapshotBuilder;
import io.agentstream.spring.web.OpenApiConfiguration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/runs/{runId}/stream-token}: a short-lived token that opens this run's event
 * stream as {@code ?token=}, for {@code EventSource}, which cannot send an {@code Authorization}
 * header. Only the run's owner (or an admin) gets one.
 */
@ServesApi
@RestController
@Tag(name = "Runs")
class StreamTokenController {

  private final StreamTokens tokens;
  private final SnapshotBuilder snapshots;

  StreamTokenController(StreamTokens tokens, SnapshotBuilder snapshots) {
    this.tokens = tokens;
    this.snapshots = snapshots;
  }

  /** The token, when it expires, and the stream address that carries it. */
  record StreamToken(String token, Instant expiresAt, String events) {}

  @PostMapping("/api/runs/{runId}/stream-token")
  @Operation(
      summary = "Get a stream token",
      description =
          "A short-lived token that opens this run's event stream as ?token=, for EventSource,"
              + " which cannot send an Authorization header. Only the run's owner (or an admin)"
              + " gets one.")
  @ApiResponse(responseCode = "200", description = "The token and the stream address with it")
  @ApiResponse(
      responseCode = "404",
      description = OpenApiConfiguration.RUN_NOT_FOUND,
      content =
          @Content(
              mediaType = OpenApiConfiguration.PROBLEM_JSON,
              schema = @Schema(ref = OpenApiConfiguration.PROBLEM)))
  StreamToken issue(@Parameter(description = "the run's id") @PathVariable String runId) {
    snapshots.describe(runId);
    StreamTokens.Issued issued = tokens.issue(runId, Caller.current());
    return new StreamToken(
        issued.token(),
        issued.expiresAt(),
        "/api/runs/" + runId + "/events?token=" + issued.token());
  }
}
