package io.agentstream.run;

import io.agentstream.protocol.EventDraft;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Publishes workflow-level transitions (questions asked, step started or finished, run finished) to
 * the live channel. Run as a local activity so a transition reaches clients within milliseconds
 * while only one marker per transition, never per token, enters history.
 */
@ActivityInterface
public interface RunEventsActivity {

  /**
   * @return the sequence the channel assigned, or {@code StreamChannel.UNAVAILABLE} (-2) when it is
   *     unavailable (a run never fails because of the live channel; clients resync from snapshots)
   */
  @ActivityMethod(name = "PublishRunEvent")
  long publish(EventDraft event);
}
