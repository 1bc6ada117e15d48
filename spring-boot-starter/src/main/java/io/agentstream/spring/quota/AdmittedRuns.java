package io.agentstream.spring.quota;

import java.time.Instant;
import java.util.Set;

/**
 * Runs admitted lately, by owner: what {@link ActiveRuns} adds to its last scan of Temporal so a
 * run counts from the moment it is admitted, on every API node, before a scan can see it. In this
 * JVM ({@code stream=memory}) or in Redis ({@code stream=redis}).
 */
interface AdmittedRuns {

  /** Notes that {@code owner}'s run {@code runId} was admitted at {@code at}. */
  void record(String owner, String runId, Instant at);

  /** The runs of {@code owner} admitted at {@code from} or later. */
  Set<String> since(String owner, Instant from);
}
