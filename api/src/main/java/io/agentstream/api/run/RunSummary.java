package io.agentstream.api.run;

import java.time.Instant;

/** A run in the recent-runs list. */
public record RunSummary(String runId, String agent, String status, Instant startedAt, Instant closedAt) {}
