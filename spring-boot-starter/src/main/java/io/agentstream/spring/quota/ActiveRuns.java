package io.agentstream.spring.quota;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many runs a caller has open, without asking Temporal on every submission. The truth is
 * Temporal's open executions; listing them costs time in proportion to every open run of every
 * caller, so it is done at most once per {@code refreshEvery} for all callers at once (a "scan"),
 * ahead of time while submissions keep coming, and its result is counted together with the runs
 * admitted since (kept in {@link AdmittedRuns}: this JVM, or Redis for every node). A run counts
 * from the moment it is admitted, on every node; a run that has closed stops counting after the
 * next scan.
 */
final class ActiveRuns implements AutoCloseable {

  /**
   * How long a started run may take to show in Temporal's list (visibility is eventually consistent
   * on Elasticsearch) and how far apart the nodes' clocks may be: an admission counts until a scan
   * that started this much later than it.
   */
  static final Duration VISIBILITY_LAG = Duration.ofSeconds(3);

  private static final Logger log = LoggerFactory.getLogger(ActiveRuns.class);

  /** One listing of the open runs: when it started, and each open run's owner. */
  private record Scan(Instant startedAt, Map<String, String> ownerByRun) {
    Set<String> runsOf(String owner) {
      Set<String> runs = new HashSet<>();
      ownerByRun.forEach(
          (runId, runOwner) -> {
            if (runOwner.equals(owner)) {
              runs.add(runId);
            }
          });
      return runs;
    }
  }

  private final Function<Map<String, String>, Map<String, String>> openRuns;
  private final AdmittedRuns admitted;
  private final Duration refreshEvery;
  private final Clock clock;
  private final ExecutorService scanner =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "agentstream-active-runs");
            thread.setDaemon(true);
            return thread;
          });

  private volatile Scan last;
  private CompletableFuture<Scan> scanning;

  /**
   * @param openRuns lists the open runs and their owners, given the owners already known
   * @param refreshEvery how old a scan may get before a submission waits for a new one; a new one
   *     is started in the background at half that age
   */
  ActiveRuns(
      Function<Map<String, String>, Map<String, String>> openRuns,
      AdmittedRuns admitted,
      Duration refreshEvery,
      Clock clock) {
    this.openRuns = openRuns;
    this.admitted = admitted;
    this.refreshEvery = refreshEvery;
    this.clock = clock;
  }

  /** How long an admission must be kept for {@link #count} to be right. */
  static Duration admissionsKept(Duration refreshEvery) {
    return refreshEvery.multipliedBy(3).plus(VISIBILITY_LAG).plusSeconds(30);
  }

  /** The open runs of {@code owner}: the last scan's and those admitted since. */
  int count(String owner) {
    Scan scan = current();
    Set<String> runs = scan.runsOf(owner);
    runs.addAll(admitted.since(owner, scan.startedAt().minus(VISIBILITY_LAG)));
    return runs.size();
  }

  /** Counts {@code runId} as {@code owner}'s from now on. */
  void admitted(String owner, String runId) {
    admitted.record(owner, runId, clock.instant());
  }

  /**
   * A scan young enough to count with: the last one if it is younger than {@code refreshEvery}
   * (starting the next one in the background once it is half that old), else a new one, waited for.
   */
  private Scan current() {
    Scan scan = last;
    Duration age = scan == null ? null : Duration.between(scan.startedAt(), clock.instant());
    if (age != null && age.compareTo(refreshEvery) < 0) {
      if (age.compareTo(refreshEvery.dividedBy(2)) >= 0) {
        refresh();
      }
      return scan;
    }
    try {
      return refresh().join();
    } catch (CompletionException e) {
      // A listing that fails (the embedded test server's list is not safe against concurrent
      // starts; a real server may be briefly unreachable): the last one still counts right while
      // the admissions since it are kept, erring only towards runs that have closed meanwhile.
      if (scan != null && age.compareTo(staleLimit()) < 0) {
        return scan;
      }
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /** How old the last listing may be to count with when a new one fails. */
  private Duration staleLimit() {
    return admissionsKept(refreshEvery).minus(VISIBILITY_LAG).minus(refreshEvery);
  }

  /** The scan in flight, or a new one: never two at once. */
  private synchronized CompletableFuture<Scan> refresh() {
    if (scanning == null || scanning.isDone()) {
      scanning = CompletableFuture.supplyAsync(this::scan, scanner);
    }
    return scanning;
  }

  private Scan scan() {
    Scan previous = last;
    Instant startedAt = clock.instant();
    try {
      Map<String, String> owners =
          openRuns.apply(previous == null ? Map.of() : previous.ownerByRun());
      Scan scan = new Scan(startedAt, Map.copyOf(new HashMap<>(owners)));
      last = scan;
      return scan;
    } catch (RuntimeException e) {
      log.warn("Could not list the open runs for the active-run quota: {}", e.toString());
      throw e;
    }
  }

  @Override
  public void close() {
    scanner.shutdownNow();
  }
}
