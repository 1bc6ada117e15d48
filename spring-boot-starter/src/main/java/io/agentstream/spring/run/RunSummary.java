package io.agentstream.spring.run;

import io.agentstream.protocol.RunStatus;
import java.time.Instant;

/** A run in the recent-runs list. */
public record RunSummary(
    String runId, String agent, RunStatus status, Instant startedAt, Instant closedAt) {}
