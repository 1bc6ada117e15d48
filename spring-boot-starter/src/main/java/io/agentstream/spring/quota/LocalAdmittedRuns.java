package io.agentstream.spring.quota;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Admissions of one JVM: right for {@code stream=memory}, where there is one API node. */
final class LocalAdmittedRuns implements AdmittedRuns {

  private final Map<String, Map<String, Instant>> byOwner = new ConcurrentHashMap<>();
  private final Duration keep;

  /** Admissions older than {@code keep} are forgotten; a scan has seen them by then. */
  LocalAdmittedRuns(Duration keep) {
    this.keep = keep;
  }

  @Override
  public void record(String owner, String runId, Instant at) {
    Map<String, Instant> runs = byOwner.computeIfAbsent(owner, o -> new ConcurrentHashMap<>());
    runs.put(runId, at);
    Instant forgetBefore = at.minus(keep);
    runs.values().removeIf(admitted -> admitted.isBefore(forgetBefore));
  }

  @Override
  public Set<String> since(String owner, Instant from) {
    Map<String, Instant> runs = byOwner.getOrDefault(owner, Map.of());
    Set<String> recent = new HashSet<>();
    runs.forEach(
        (runId, admitted) -> {
          if (!admitted.isBefore(from)) {
            recent.add(runId);
          }
        });
    return recent;
  }
}
