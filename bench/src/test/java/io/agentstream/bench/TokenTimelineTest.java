package io.agentstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.protocol.EventPayload;
import io.agentstream.protocol.RunEvent;
import io.agentstream.protocol.RunSnapshot;
import io.agentstream.protocol.RunStarted;
import io.agentstream.protocol.RunStatus;
import io.agentstream.protocol.Snapshot;
import io.agentstream.protocol.StepRewind;
import io.agentstream.protocol.StepSnapshot;
import io.agentstream.protocol.StepStarted;
import io.agentstream.protocol.StepStatus;
import io.agentstream.protocol.StepToken;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the bench counts as a duplicated token. A snapshot replaces the client's view, and the
 * server resumes the stream after the snapshot's conservative {@code lastEventId}, so deltas for
 * text the snapshot already shows legally come again (docs/protocol.md, "Worked example"; the
 * SnapshotBuilder covers only up to the workflow's last transition): those are snapshot overlap. A
 * duplicate is a delta for text that token events delivered since the last snapshot or rewind.
 */
class TokenTimelineTest {

  private static final String RUN = "run-1";
  private static final String STEP = "answer";

  private final TokenTimeline timeline = new TokenTimeline(STEP);

  @Test
  void deltasReplayedAfterAResyncSnapshotAreSnapshotOverlapNotDuplicates() {
    apply(1, null, 0, new RunStarted(snapshot(1, 0, "")));
    apply(2, STEP, 0, new StepStarted("Answer"));
    apply(3, STEP, 1, new StepToken(0, "Day"));
    apply(4, STEP, 1, new StepToken(3, " 1:"));
    apply(5, STEP, 1, new StepToken(6, " Arrive"));
    // The live channel lost an event: the server resyncs in-band with a snapshot of the durable
    // state (the checkpoint "Day 1: Arrive") covering up to the step's start, event 2.
    apply(2, null, 0, new Snapshot(snapshot(2, 1, "Day 1: Arrive")));
    apply(3, STEP, 1, new StepToken(0, "Day"));
    apply(4, STEP, 1, new StepToken(3, " 1:"));
    apply(5, STEP, 1, new StepToken(6, " Arrive"));
    apply(7, STEP, 1, new StepToken(13, " in"));

    assertThat(timeline.duplicated).isZero();
    assertThat(timeline.snapshotOverlap).isEqualTo(3);
    assertThat(timeline.gaps).isZero();
    assertThat(timeline.seqErrors).isZero();
  }

  @Test
  void theProtocolsWorkedExampleHasNoDuplicate() {
    apply(107, null, 0, new Snapshot(snapshot(107, 1, "Day 1: Arrive")));
    apply(108, STEP, 1, new StepToken(6, " Arrive"));
    apply(109, STEP, 1, new StepToken(13, " in"));
    apply(110, STEP, 1, new StepToken(16, " Honolulu"));
    apply(111, STEP, 2, new StepRewind("Day 1: Arrive in", List.of()));
    apply(112, STEP, 2, new StepToken(16, " Honolulu"));
    apply(113, STEP, 1, new StepToken(25, ","));

    assertThat(timeline.duplicated).isZero();
    assertThat(timeline.snapshotOverlap).isEqualTo(1);
    assertThat(timeline.staleEvents).isEqualTo(1);
    assertThat(timeline.rewinds).isEqualTo(1);
  }

  @Test
  void aDeltaForTextTokenEventsAlreadyDeliveredIsADuplicate() {
    apply(1, null, 0, new RunStarted(snapshot(1, 0, "")));
    apply(2, STEP, 0, new StepStarted("Answer"));
    apply(3, STEP, 1, new StepToken(0, "Day"));
    apply(4, STEP, 1, new StepToken(3, " 1:"));
    apply(5, STEP, 1, new StepToken(3, " 1:"));

    assertThat(timeline.duplicated).isEqualTo(1);
  }

  @Test
  void aDeltaAfterASnapshotForTextItsEventsAlreadyDeliveredIsADuplicate() {
    apply(2, null, 0, new Snapshot(snapshot(2, 1, "Day")));
    apply(3, STEP, 1, new StepToken(3, " 1:"));
    apply(4, STEP, 1, new StepToken(6, " Arrive"));
    apply(5, STEP, 1, new StepToken(6, " Arrive"));

    assertThat(timeline.duplicated).isEqualTo(1);
    assertThat(timeline.snapshotOverlap).isZero();
  }

  @Test
  void aDeltaOfTheNewAttemptForTextItsRewindAlreadyShowedIsADuplicate() {
    apply(1, null, 0, new RunStarted(snapshot(1, 0, "")));
    apply(2, STEP, 0, new StepStarted("Answer"));
    apply(3, STEP, 1, new StepToken(0, "Day 1:"));
    apply(4, STEP, 2, new StepRewind("Day 1:", List.of()));
    apply(5, STEP, 2, new StepToken(3, " 1:"));

    assertThat(timeline.duplicated).isEqualTo(1);
  }

  private void apply(long seq, String step, int attempt, EventPayload payload) {
    timeline.apply(new RunEvent(RUN, seq, step, attempt, 0, payload), System.nanoTime());
  }

  /** The run with its one step running at {@code attempt} (pending at 0) with {@code text}. */
  private static RunSnapshot snapshot(long lastEventId, int attempt, String text) {
    StepStatus status = attempt == 0 ? StepStatus.PENDING : StepStatus.RUNNING;
    return new RunSnapshot(
        RUN,
        "bench",
        RunStatus.RUNNING,
        attempt == 0 ? null : STEP,
        List.of(new StepSnapshot(STEP, "Answer", status, attempt, text, List.of(), null)),
        List.of(),
        null,
        null,
        null,
        lastEventId);
  }
}
