package io.agentstream.bench;

import io.agentstream.protocol.EventPayload;
import io.agentstream.protocol.RunCancelled;
import io.agentstream.protocol.RunCompleted;
import io.agentstream.protocol.RunEvent;
import io.agentstream.protocol.RunFailed;
import io.agentstream.protocol.RunStarted;
import io.agentstream.protocol.RunView;
import io.agentstream.protocol.Snapshot;
import io.agentstream.protocol.StepCompleted;
import io.agentstream.protocol.StepRewind;
import io.agentstream.protocol.StepToken;
import io.agentstream.protocol.StepView;
import java.util.Arrays;
import java.util.Map;

/**
 * One client's view of one streamed step, reduced by the protocol's own {@link RunView} (the one
 * client reducer of docs/protocol.md, the same the page's JavaScript twin and the tests use),
 * recording when the client's text first grew to each length. After the run, {@link #analyse}
 * matches that against the model's emission times: token i "arrived" when the client's text first
 * covered its end offset.
 *
 * <p>It also counts what must never happen: a token event for text an earlier token event (or the
 * attempt's rewind) already delivered since the last snapshot (duplicated), a delta the reducer
 * cannot place (gap: it asks for a resync), sequence numbers that do not strictly increase, and
 * text the client never received or received wrong (lost). Token events for text a snapshot already
 * showed are legal (the protocol says to ignore them) and counted apart.
 *
 * <p>Used by one reader thread; {@link #analyse} runs after the reader finished.
 */
final class TokenTimeline {

  private final String stepId;
  private final RunView view = new RunView();

  /** End of the step's text that token events (or a rewind) delivered since the last snapshot. */
  private int eventEnd;

  /** End of the step's text in the last snapshot. */
  private int snapshotEnd;

  private long lastSeq = Long.MIN_VALUE;
  private boolean terminalSnapshot;
  private int[] coverLength = new int[128];
  private long[] coverNanos = new long[128];
  private int covers;

  int tokenEvents;
  int duplicated;
  int snapshotOverlap;
  int gaps;
  int seqErrors;
  int staleEvents;
  int rewinds;
  int snapshots;
  String streamedText;
  String finalText;
  long terminalNanos = -1;
  long openedNanos = -1;
  String failure;

  /**
   * @param stepId the step whose tokens are measured
   */
  TokenTimeline(String stepId) {
    this.stepId = stepId;
  }

  /** The client's stream is open (response head read, or first poll answered). */
  void opened(long nanos) {
    if (openedNanos < 0) {
      openedNanos = nanos;
    }
  }

  /**
   * The client received {@code event} at {@code nanos} and applies it.
   *
   * @return true when the event ended the run for this client
   */
  boolean apply(RunEvent event, long nanos) {
    EventPayload payload = event.payload();
    boolean reset = payload instanceof Snapshot || payload instanceof RunStarted;
    if (reset) {
      snapshots++;
      lastSeq = event.seq();
      terminalSnapshot = payload instanceof Snapshot s && s.snapshot().isTerminal();
    } else if (!(terminalSnapshot && payload.isTerminal())) {
      // A stream that starts at a finished run sends its terminal event with the snapshot's id.
      if (event.seq() <= lastSeq) {
        seqErrors++;
      }
      lastSeq = event.seq();
    }
    boolean ours = reset || stepId.equals(event.step());
    StepView before = view.step(stepId).orElse(null);
    if (ours && payload instanceof StepToken token) {
      measureToken(event.attempt(), token, before);
    }
    // The reducer's rule for a rewind (a stale one changes nothing).
    boolean rewound =
        ours
            && payload instanceof StepRewind
            && (before == null
                || (event.attempt() >= before.attempt() && !before.status().isFinished()));
    if (rewound && before != null && streamedText == null) {
      rewinds++;
    }
    if (ours && payload instanceof StepCompleted && streamedText == null) {
      streamedText = before == null ? "" : before.text();
    }
    if (view.apply(event) == RunView.Outcome.RESYNC) {
      gaps++;
      return false;
    }
    String text = view.step(stepId).map(StepView::text).orElse("");
    int length = before == null ? 0 : before.text().length();
    if (reset) {
      truncated(text.length());
      // The view was replaced, and the server resumes after the snapshot's conservative
      // lastEventId: deltas for text the snapshot shows may come again (docs/protocol.md, "Worked
      // example"). Those are snapshot overlap; no token event has delivered anything since.
      snapshotEnd = text.length();
      eventEnd = 0;
      covered(text.length(), nanos);
    } else if (rewound) {
      truncated(text.length());
      // The new attempt continues after the checkpoint this event delivered.
      eventEnd = text.length();
      covered(text.length(), nanos);
    } else if (text.length() > length) {
      covered(text.length(), nanos);
    }
    if (payload instanceof RunCompleted done) {
      if (streamedText == null) {
        streamedText = text;
      }
      finalText = answerOf(done.result());
      terminalNanos = nanos;
      return true;
    }
    if (payload instanceof RunFailed || payload instanceof RunCancelled) {
      failed(event.type() + (payload instanceof RunFailed f ? ": " + f.error() : ""));
      return true;
    }
    return false;
  }

  /** Counts what a token event means for this client before the reducer applies it. */
  private void measureToken(int attempt, StepToken token, StepView step) {
    tokenEvents++;
    if (step == null) {
      return;
    }
    if (streamedText != null || step.status().isFinished() || attempt < step.attempt()) {
      staleEvents++;
      return;
    }
    if (attempt > step.attempt()) {
      return; // the reducer asks for a resync: counted as a gap
    }
    int end = token.offset() + token.text().length();
    if (token.offset() < eventEnd) {
      duplicated++;
    } else if (token.offset() < snapshotEnd) {
      snapshotOverlap++;
    }
    eventEnd = Math.max(eventEnd, end);
  }

  void failed(String why) {
    failure = why;
  }

  private static String answerOf(Object result) {
    return result instanceof Map<?, ?> map && map.get("answer") != null
        ? map.get("answer").toString()
        : "";
  }

  /**
   * The client's text went back to {@code length} (a rewind to a checkpoint): text beyond it is no
   * longer there and must arrive again; text up to it arrived when it first did.
   */
  private void truncated(int length) {
    for (int k = 0; k < covers; k++) {
      if (coverLength[k] > length) {
        coverLength[k] = length;
        covers = k + 1;
        return;
      }
    }
  }

  private void covered(int length, long nanos) {
    if (covers > 0 && coverLength[covers - 1] >= length) {
      return;
    }
    if (covers == coverLength.length) {
      coverLength = Arrays.copyOf(coverLength, covers * 2);
      coverNanos = Arrays.copyOf(coverNanos, covers * 2);
    }
    coverLength[covers] = length;
    coverNanos[covers] = nanos;
    covers++;
  }

  /**
   * Matches arrivals with emissions and adds this client's figures to {@code recorder}.
   *
   * @param stream what the model emitted for this run (every call, when the step was retried)
   * @param submitNanos when the client submitted the run (or opened the direct stream)
   * @param tokensPerSecond the model's pace, for the generation time; {@code <= 0} when unpaced
   * @param countResyncs false for polling, where every answer is a snapshot
   */
  void analyse(
      EmissionLog.Stream stream,
      long submitNanos,
      double tokensPerSecond,
      boolean countResyncs,
      PhaseRecorder recorder) {
    recorder.clients.increment();
    recorder.duplicated.add(duplicated + seqErrors);
    recorder.seqErrors.add(seqErrors);
    recorder.snapshotOverlap.add(snapshotOverlap);
    recorder.gaps.add(gaps);
    recorder.stale.add(staleEvents);
    recorder.rewinds.add(rewinds);
    if (countResyncs && snapshots > 1) {
      recorder.resyncs.add(snapshots - 1);
    }
    if (openedNanos >= 0) {
      recorder.open.add(openedNanos - submitNanos);
    }
    if (failure != null || finalText == null) {
      recorder.failedClients.increment();
      recorder.tokensExpected.add(stream.lastCallTokens());
      recorder.lost.add(stream.lastCallTokens());
      recorder.problem("client failed: " + (failure != null ? failure : "no terminal event"));
      return;
    }
    EmissionLog.Matched matched = stream.match(finalText);
    int[] ends = matched.ends();
    long[] emitted = matched.emitted();
    recorder.tokensExpected.add(ends.length + matched.unmatched());
    recorder.unmatched.add(matched.unmatched());
    if (matched.calls() > 1) {
      recorder.retriedClients.increment();
    }
    String streamed = streamedText == null ? "" : streamedText;
    int intact = commonPrefix(streamed, finalText);
    if (!matched.consistent() || !streamed.equals(finalText)) {
      recorder.mismatches.increment();
      recorder.problem(
          "text mismatch: final "
              + finalText.length()
              + " chars ("
              + (matched.consistent() ? "as the model emitted it" : "NOT what the model emitted")
              + "), streamed "
              + streamed.length()
              + " (intact "
              + intact
              + "), model calls "
              + matched.calls());
    }
    int j = 0;
    long first = -1;
    for (int i = 0; i < ends.length; i++) {
      if (ends[i] > intact) {
        recorder.lost.increment();
        continue;
      }
      while (j < covers && coverLength[j] < ends[i]) {
        j++;
      }
      if (j == covers) {
        recorder.lost.increment();
        continue;
      }
      long arrival = coverNanos[j];
      if (first < 0) {
        first = arrival;
      }
      recorder.latency.add(arrival - emitted[i]);
      if (openedNanos >= 0 && emitted[i] >= openedNanos) {
        recorder.liveLatency.add(arrival - emitted[i]);
      }
      recorder.tokensDelivered.increment();
    }
    if (first >= 0) {
      recorder.ttft.add(first - submitNanos);
    }
    long wall = terminalNanos - submitNanos;
    recorder.wall.add(wall);
    if (tokensPerSecond > 0 && ends.length > 0) {
      double generation = (ends.length + matched.unmatched()) / tokensPerSecond * 1e9;
      recorder.wallOverGeneration.add(wall / generation);
    }
  }

  private static int commonPrefix(CharSequence a, CharSequence b) {
    int n = Math.min(a.length(), b.length());
    int i = 0;
    while (i < n && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return i;
  }
}
