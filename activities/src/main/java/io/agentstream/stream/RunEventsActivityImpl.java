package io.agentstream.stream;

import io.agentstream.protocol.EventDraft;
import io.agentstream.run.RunEventsActivity;

/** Appends the workflow's transitions to the live channel (run as a local activity). */
public class RunEventsActivityImpl implements RunEventsActivity {
  private final StreamChannel channel;

  public RunEventsActivityImpl(StreamChannel channel) {
    this.channel = channel;
  }

  @Override
  public long publish(EventDraft event) {
    return channel.append(event);
  }
}
