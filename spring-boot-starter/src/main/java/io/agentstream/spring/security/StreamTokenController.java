package io.agentstream.spring.security;

import io.agentstream.spring.run.SnapshotBuilder;
import java.time.Instant;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/runs/{runId}/stream-token}: a short-lived token that opens this run's event
 * stream as {@code ?token=}, for {@code EventSource}, which cannot send an {@code Authorization}
 * header. Only the run's owner (or an admin) gets one.
 */
@RestController
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
  StreamToken issue(@PathVariable String runId) {
    snapshots.describe(runId);
    StreamTokens.Issued issued = tokens.issue(runId, Caller.current());
    return new StreamToken(
        issued.token(),
        issued.expiresAt(),
        "/api/runs/" + runId + "/events?token=" + issued.token());
  }
}
