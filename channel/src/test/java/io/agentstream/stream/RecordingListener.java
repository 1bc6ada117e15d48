package io.agentstream.stream;

import io.agentstream.protocol.RunEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what a subscription delivers, and whether the channel ever called it concurrently. */
final class RecordingListener implements StreamListener {

  private final List<RunEvent> events = new ArrayList<>();
  private final List<Integer> gapsAt = new ArrayList<>();
  private final AtomicInteger inside = new AtomicInteger();
  private final AtomicBoolean overlapped = new AtomicBoolean();
  private final long dwellNanos;

  RecordingListener() {
    this(0);
  }

  private RecordingListener(long dwellNanos) {
    this.dwellNanos = dwellNanos;
  }

  /** One that stays a little in each call, so calls that could overlap do. */
  static RecordingListener dwelling() {
    return new RecordingListener(20_000);
  }

  @Override
  public void onEvent(RunEvent event) {
    enter();
    synchronized (this) {
      events.add(event);
    }
    leave();
  }

  @Override
  public void onGap() {
    enter();
    synchronized (this) {
      gapsAt.add(events.size());
    }
    leave();
  }

  synchronized List<RunEvent> events() {
    return List.copyOf(events);
  }

  synchronized List<Long> seqs() {
    return events.stream().map(RunEvent::seq).toList();
  }

  synchronized int size() {
    return events.size();
  }

  synchronized long lastSeq() {
    return events.isEmpty() ? 0 : events.get(events.size() - 1).seq();
  }

  /** For each onGap(), how many events had been delivered before it. */
  synchronized List<Integer> gapsAt() {
    return new ArrayList<>(gapsAt);
  }

  boolean wasCalledConcurrently() {
    return overlapped.get();
  }

  private void enter() {
    if (inside.incrementAndGet() != 1) {
      overlapped.set(true);
    }
    if (dwellNanos > 0) {
      long until = System.nanoTime() + dwellNanos;
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
    }
  }

  private void leave() {
    inside.decrementAndGet();
  }
}
