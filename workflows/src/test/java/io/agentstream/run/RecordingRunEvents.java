package io.agentstream.run;

import io.agentstream.protocol.EventDraft;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Records the transitions a workflow publishes and numbers them like a channel would. */
public class RecordingRunEvents implements RunEventsActivity {
  private final AtomicLong seq = new AtomicLong();
  private final List<EventDraft> events = new CopyOnWriteArrayList<>();

  @Override
  public long publish(EventDraft event) {
    events.add(event);
    return seq.incrementAndGet();
  }

  public List<String> types() {
    return events.stream()
        .map(e -> e.step() == null ? e.type() : e.type() + ":" + e.step())
        .toList();
  }

  public List<EventDraft> events() {
    return List.copyOf(events);
  }
}
