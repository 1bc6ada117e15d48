package io.agentstream.spring.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The active-run count: Temporal's open runs listed now and then, plus the runs admitted since. The
 * list here stands in for Temporal's (QuotaTest and QuotaAcrossNodesTest run the real one); what is
 * checked is when it is asked and how its answers and the admissions add up.
 */
class ActiveRunsTest {

  static final Duration REFRESH = Duration.ofSeconds(10);

  final MovableClock clock = new MovableClock();
  final AtomicReference<Map<String, String>> open = new AtomicReference<>(Map.of());
  final List<Map<String, String>> knownOwnersAsked = new CopyOnWriteArrayList<>();
  final List<ActiveRuns> counts = new ArrayList<>();

  ActiveRuns activeRuns(AdmittedRuns admitted) {
    ActiveRuns runs =
        new ActiveRuns(
            known -> {
              knownOwnersAsked.add(known);
              return open.get();
            },
            admitted,
            REFRESH,
            clock);
    counts.add(runs);
    return runs;
  }

  ActiveRuns activeRuns() {
    return activeRuns(new LocalAdmittedRuns(ActiveRuns.admissionsKept(REFRESH)));
  }

  @AfterEach
  void close() {
    counts.forEach(ActiveRuns::close);
  }

  @Test
  void aRunCountsFromItsAdmissionBeforeTheListShowsIt() {
    ActiveRuns runs = activeRuns();
    assertThat(runs.count("alice")).isZero();

    runs.admitted("alice", "r1");

    assertThat(runs.count("alice")).isEqualTo(1);
    assertThat(runs.count("bob")).isZero();
  }

  @Test
  void runsStartedElsewhereCountOnceTheListShowsThem() {
    open.set(Map.of("r1", "alice", "r2", "alice", "r3", "bob"));
    ActiveRuns runs = activeRuns();

    assertThat(runs.count("alice")).isEqualTo(2);
    assertThat(runs.count("bob")).isEqualTo(1);
  }

  @Test
  void aRunInTheListAndAdmittedHereCountsOnce() {
    ActiveRuns runs = activeRuns();
    runs.count("alice");
    runs.admitted("alice", "r1");
    open.set(Map.of("r1", "alice"));
    clock.advance(REFRESH.plusSeconds(1));

    assertThat(runs.count("alice")).isEqualTo(1);
  }

  @Test
  void aClosedRunStopsCountingOnceAListStartedAfterItsAdmissionMissesIt() {
    ActiveRuns runs = activeRuns();
    runs.count("alice");
    runs.admitted("alice", "r1");
    open.set(Map.of("r1", "alice"));
    clock.advance(REFRESH.plusSeconds(1));
    assertThat(runs.count("alice")).isEqualTo(1);

    open.set(Map.of()); // r1 has closed
    clock.advance(REFRESH.plusSeconds(1));

    assertThat(runs.count("alice")).isZero();
  }

  @Test
  void anAdmissionJustBeforeAListCountsEvenIfTheListDoesNotShowItYet() {
    ActiveRuns runs = activeRuns();
    runs.count("alice");
    clock.advance(REFRESH.minusSeconds(1));
    runs.admitted("alice", "r1"); // visibility may lag: the next list does not show r1
    clock.advance(Duration.ofSeconds(2));

    assertThat(runs.count("alice")).isEqualTo(1);
  }

  @Test
  void theListIsAskedOnceWhileItIsYoungAndAheadOfTimeWhenItAges() {
    ActiveRuns runs = activeRuns();
    for (int i = 0; i < 100; i++) {
      runs.count("alice");
    }
    assertThat(knownOwnersAsked).hasSize(1);

    open.set(Map.of("r1", "alice"));
    clock.advance(REFRESH.dividedBy(2));
    // Half its age: the answer is still the old list's, and a new one is asked for meanwhile.
    assertThat(runs.count("alice")).isZero();
    await().atMost(Duration.ofSeconds(5)).until(() -> knownOwnersAsked.size() == 2);
    await().atMost(Duration.ofSeconds(5)).until(() -> runs.count("alice") == 1);
    assertThat(knownOwnersAsked).hasSize(2);
  }

  @Test
  void ownersFromTheLastListAreGivenToTheNextSoTheyAreNotLookedUpAgain() {
    open.set(Map.of("r1", "alice"));
    ActiveRuns runs = activeRuns();
    runs.count("alice");
    clock.advance(REFRESH.plusSeconds(1));
    runs.count("alice");

    assertThat(knownOwnersAsked).containsExactly(Map.of(), Map.of("r1", "alice"));
  }

  @Test
  void aListThatFailsFailsTheCountInsteadOfCountingZero() {
    ActiveRuns runs =
        new ActiveRuns(
            known -> {
              throw new IllegalStateException("engine unavailable");
            },
            new LocalAdmittedRuns(ActiveRuns.admissionsKept(REFRESH)),
            REFRESH,
            clock);
    counts.add(runs);

    assertThatThrownBy(() -> runs.count("alice")).hasMessage("engine unavailable");
  }

  @Test
  void aListThatFailsLaterLeavesTheLastOneCountingWhileItsAdmissionsAreKept() {
    AtomicBoolean failing = new AtomicBoolean();
    open.set(Map.of("r1", "alice"));
    ActiveRuns runs =
        new ActiveRuns(
            known -> {
              if (failing.get()) {
                throw new IllegalStateException("list failed");
              }
              return open.get();
            },
            new LocalAdmittedRuns(ActiveRuns.admissionsKept(REFRESH)),
            REFRESH,
            clock);
    counts.add(runs);
    runs.count("alice");
    runs.admitted("alice", "r2");
    failing.set(true);

    clock.advance(REFRESH.plusSeconds(1));
    assertThat(runs.count("alice")).isEqualTo(2);

    clock.advance(ActiveRuns.admissionsKept(REFRESH));
    assertThatThrownBy(() -> runs.count("alice")).hasMessage("list failed");
  }

  /** A clock the test moves. */
  static final class MovableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-12-02T00:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
