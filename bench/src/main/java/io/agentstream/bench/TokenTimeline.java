package io.agentstream.bench;

import java.util.Arrays;

/**
 * One client's view of one streamed step, reduced as docs/protocol.md says a client must (snapshot,
 * then {@code step.token} deltas placed at their offset), recording when the client's text first
 * grew to each length. After the run, {@link #analyse} matches that against the model's emission
 * times: token i "arrived" when the client's text first covered its end offset.
 *
 * <p>It also counts what must never happen: a token event for text an earlier token event already
 * delivered since the last snapshot (duplicated), a token beyond the end of the text (gap), sequence numbers that do not
 * strictly increase, and text the client never received or received wrong (lost). Token events for
 * text a snapshot already showed are legal (the protocol says to ignore them) and counted apart.
 *
 * <p>Used by one reader thread; {@link #analyse} runs after the reader finished.
 */
final class TokenTimeline {

  private final StringBuilder text = new StringBuilder();
  private int attempt = 1;
  private int eventEnd;
  private int snapshotEnd;
  private long lastSeq = Long.MIN_VALUE;
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

  /** The client's stream is open (response head read, or first poll answered). */
  void opened(long nanos) {
    if (openedNanos < 0) {
      openedNanos = nanos;
    }
  }

  /** A non-snapshot event's sequence number: must be higher than the previous one. */
  void seq(long seq) {
    if (seq <= lastSeq) {
      seqErrors++;
    }
    lastSeq = seq;
  }

  /** A snapshot (or a polled state) showing the step's text; the client replaces its view. */
  void snapshot(long seq, String stepText, int stepAttempt, long nanos) {
    snapshots++;
    lastSeq = seq;
    if (stepAttempt > attempt) {
      attempt = stepAttempt;
    }
    if (stepText == null) {
      return;
    }
    truncated(stepText.length());
    text.setLength(0);
    text.append(stepText);
    snapshotEnd = Math.max(snapshotEnd, stepText.length());
    // The view was replaced: deltas the client had before the snapshot come again after it, as
    // the protocol requires to bring the snapshot up to date. Those count as snapshot overlap,
    // not duplicates; a duplicate is a delta the current view already had from an event.
    eventEnd = stepText.length();
    covered(nanos);
  }

  /** A {@code step.token}: {@code delta} belongs at {@code offset}. */
  void token(int eventAttempt, int offset, String delta, long nanos) {
    tokenEvents++;
    if (streamedText != null || eventAttempt < attempt) {
      staleEvents++;
      return;
    }
    if (eventAttempt > attempt) {
      gaps++; // a newer attempt's delta before its rewind
      return;
    }
    int end = offset + delta.length();
    if (offset < eventEnd) {
      duplicated++;
    } else if (offset < snapshotEnd) {
      snapshotOverlap++;
    }
    eventEnd = Math.max(eventEnd, end);
    if (offset > text.length()) {
      gaps++;
      return;
    }
    if (end > text.length()) {
      text.setLength(offset);
      text.append(delta);
      covered(nanos);
    }
  }

  /** A {@code step.rewind}: a retry resumed from a checkpoint; the step is now exactly {@code stepText}. */
  void rewind(int eventAttempt, String stepText) {
    if (eventAttempt >= attempt && streamedText == null) {
      rewinds++;
      attempt = eventAttempt;
      truncated(stepText.length());
      text.setLength(0);
      text.append(stepText);
      eventEnd = stepText.length();
    }
  }

  /** {@code step.completed}: what the client had reassembled from the stream is frozen here. */
  void completed(String stepText) {
    if (streamedText == null) {
      streamedText = text.toString();
    }
  }

  /** The run finished with this final text. */
  void terminal(String stepFinalText, long nanos) {
    if (streamedText == null) {
      streamedText = text.toString();
    }
    finalText = stepFinalText;
    terminalNanos = nanos;
  }

  void failed(String why) {
    failure = why;
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

  private void covered(long nanos) {
    int length = text.length();
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
  void analyse(EmissionLog.Stream stream, long submitNanos, double tokensPerSecond, boolean countResyncs,
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
      recorder.problem("text mismatch: final " + finalText.length() + " chars (" + (matched.consistent()
          ? "as the model emitted it" : "NOT what the model emitted") + "), streamed " + streamed.length()
          + " (intact " + intact + "), model calls " + matched.calls());
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
