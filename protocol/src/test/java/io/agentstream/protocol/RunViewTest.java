package io.agentstream.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.protocol.RunView.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reducer rules one at a time; the recorded sequences check them together. */
class RunViewTest {

  private static final String RUN = "run-1";
  private final RunView view = new RunView();
  private long seq = 100;

  @BeforeEach
  void startFromASnapshotWithPlanRunning() {
    assertThat(
            apply(
                null,
                0,
                new Snapshot(
                    snapshot(
                        new StepSnapshot(
                            "plan",
                            "Plan",
                            StepStatus.RUNNING,
                            1,
                            "Day 1: Arrive",
                            List.of(),
                            null)))))
        .isEqualTo(Outcome.OK);
  }

  @Test
  void beforeTheFirstSnapshotEveryDeltaAsksForAResync() {
    RunView fresh = new RunView();
    assertThat(fresh.apply(new RunEvent(RUN, 1, "plan", 1, 0, new StepToken(0, "x"))))
        .isEqualTo(Outcome.RESYNC);
    assertThat(fresh.status()).isNull();
  }

  @Test
  void aTokenTheSnapshotAlreadyHoldsIsIgnoredAndTheNextOneExtendsTheText() {
    assertThat(apply("plan", 1, new StepToken(6, " Arrive"))).isEqualTo(Outcome.OK);
    assertThat(apply("plan", 1, new StepToken(13, " in"))).isEqualTo(Outcome.OK);
    assertThat(text()).isEqualTo("Day 1: Arrive in");
  }

  @Test
  void aTokenPastTheEndOfTheTextIsAGapThatNeedsAResyncUntilTheNextSnapshot() {
    assertThat(apply("plan", 1, new StepToken(20, "!"))).isEqualTo(Outcome.RESYNC);
    assertThat(view.needsResync()).isTrue();
    assertThat(apply("plan", 1, new StepToken(13, " in"))).isEqualTo(Outcome.RESYNC);
    assertThat(text()).isEqualTo("Day 1: Arrive");
    apply(
        null,
        0,
        new Snapshot(
            snapshot(
                new StepSnapshot(
                    "plan", "Plan", StepStatus.RUNNING, 1, "Day 1: Arrive in", List.of(), null))));
    assertThat(view.needsResync()).isFalse();
    assertThat(text()).isEqualTo("Day 1: Arrive in");
  }

  private String reasoning() {
    return view.step("plan").orElseThrow().reasoning();
  }

  @Test
  void reasoningIsPlacedByOffsetInItsOwnTextAndAGapInItNeedsAResync() {
    assertThat(apply("plan", 1, new StepReasoning(0, "Hilo"))).isEqualTo(Outcome.OK);
    assertThat(apply("plan", 1, new StepReasoning(0, "Hi"))).isEqualTo(Outcome.OK);
    assertThat(apply("plan", 1, new StepReasoning(2, "lo is wet"))).isEqualTo(Outcome.OK);
    assertThat(reasoning()).isEqualTo("Hilo is wet");
    assertThat(text()).isEqualTo("Day 1: Arrive");
    // Measured against the reasoning (11), not the text (13).
    assertThat(apply("plan", 1, new StepReasoning(12, "?"))).isEqualTo(Outcome.RESYNC);
    assertThat(view.needsResync()).isTrue();
  }

  @Test
  void theStepsOutputOrTheRunsEndReplacesItsReasoning() {
    apply("plan", 1, new StepReasoning(0, "Hilo first"));
    apply("plan", 0, new StepCompleted(StepStatus.COMPLETED, "Day 1: Arrive in Hilo", List.of()));
    assertThat(reasoning()).isEmpty();
    assertThat(apply("plan", 1, new StepReasoning(0, "late"))).isEqualTo(Outcome.OK);
    assertThat(reasoning()).isEmpty();

    startFromASnapshotWithPlanRunning();
    apply("plan", 1, new StepReasoning(0, "Hilo first"));
    apply(null, 0, new RunCancelled());
    assertThat(view.step("plan").orElseThrow().status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(reasoning()).isEmpty();
  }

  @Test
  void aRewindTakesTheCheckpointsReasoning() {
    apply("plan", 1, new StepReasoning(0, "Hilo is wet. Check"));
    apply("plan", 2, new StepRewind("Day 1", List.of(), List.of(), "Hilo is wet."));
    assertThat(reasoning()).isEqualTo("Hilo is wet.");
    apply("plan", 1, new StepReasoning(12, " zombie"));
    assertThat(reasoning()).isEqualTo("Hilo is wet.");
  }

  @Test
  void aFailedStepKeepsTheTokensItsAttemptsUsedAndTheRunCountsThem() {
    assertThat(apply("plan", 1, new StepFailed("HTTP 401", new TokenUsage(812, 12))))
        .isEqualTo(Outcome.OK);
    assertThat(view.step("plan").orElseThrow().status()).isEqualTo(StepStatus.FAILED);
    assertThat(view.step("plan").orElseThrow().usage()).isEqualTo(new TokenUsage(812, 12));
    assertThat(view.usage()).isEqualTo(new TokenUsage(812, 12));
  }

  @Test
  void aRewindResetsTheStepAndOlderAttemptsAreIgnoredAfterIt() {
    apply("plan", 1, new StepToken(13, " in Honolulu"));
    apply("plan", 2, new StepRewind("Day 1: Arrive in", List.of()));
    assertThat(apply("plan", 1, new StepToken(25, ","))).isEqualTo(Outcome.OK);
    apply("plan", 2, new StepToken(16, " Hilo"));
    assertThat(text()).isEqualTo("Day 1: Arrive in Hilo");
    assertThat(view.step("plan").orElseThrow().attempt()).isEqualTo(2);
  }

  @Test
  void aDeltaOfANewerAttemptBeforeItsRewindNeedsAResync() {
    assertThat(apply("plan", 2, new StepToken(13, " in"))).isEqualTo(Outcome.RESYNC);
  }

  @Test
  void dataItemsAreAppendedOrReplacedByIndexAndAGapNeedsAResync() {
    apply("plan", 1, new StepData(0, Map.of("id", "a")));
    apply("plan", 1, new StepData(0, Map.of("id", "a", "rationale", "good")));
    assertThat(view.step("plan").orElseThrow().items())
        .containsExactly(Map.of("id", "a", "rationale", "good"));
    assertThat(apply("plan", 1, new StepData(2, Map.of("id", "c")))).isEqualTo(Outcome.RESYNC);
  }

  @Test
  void aCompletedStepIsAuthoritativeAndTakesNoMoreDeltas() {
    apply("plan", 0, new StepCompleted(StepStatus.CUT_SHORT, "Day 1: Arrive", List.of()));
    apply("plan", 1, new StepToken(13, " late"));
    assertThat(view.step("plan").orElseThrow().status()).isEqualTo(StepStatus.CUT_SHORT);
    assertThat(text()).isEqualTo("Day 1: Arrive");
  }

  @Test
  void aCancelledRunCancelsItsStepsInFlightAndKeepsPendingOnes() {
    apply(null, 0, new RunCancelled());
    assertThat(view.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(view.step("plan").orElseThrow().status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(view.step("summarize").orElseThrow().status()).isEqualTo(StepStatus.PENDING);
  }

  @Test
  void everyAppliedEventMovesTheResumePoint() {
    apply("plan", 1, StepProgress.of("thinking"));
    assertThat(view.lastEventId()).isEqualTo(seq);
    assertThat(view.step("plan").orElseThrow().progress()).isEqualTo(StepProgress.of("thinking"));
  }

  private String text() {
    return view.step("plan").orElseThrow().text();
  }

  private Outcome apply(String step, int attempt, EventPayload payload) {
    return view.apply(new RunEvent(RUN, ++seq, step, attempt, 0, payload));
  }

  private static RunSnapshot snapshot(StepSnapshot plan) {
    return new RunSnapshot(
        RUN,
        "trip-planner",
        RunStatus.RUNNING,
        "plan",
        List.of(
            plan,
            new StepSnapshot("summarize", "Summarize", StepStatus.PENDING, 0, "", List.of(), null)),
        List.of(),
        Map.of(),
        null,
        null,
        100);
  }
}
