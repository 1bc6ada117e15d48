package io.agentstream.client;

import io.agentstream.protocol.RunStatus;

/**
 * A run the server accepted.
 *
 * @param runId the run's id
 * @param status its status when accepted ({@code RUNNING}, or an existing run's status for a
 *     repeated idempotency key)
 */
public record SubmittedRun(String runId, RunStatus status) {}
