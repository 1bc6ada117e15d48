package io.agentstream.stream;

import io.agentstream.protocol.RunEvent;

/**
 * Receives a run's events in sequence order. Called on the channel's delivery thread: it must not
 * block (hand events to a queue).
 */
public interface StreamListener {

  void onEvent(RunEvent event);

  /**
   * The channel could not resume exactly where asked (position trimmed, unknown, or the channel
   * lost data); delivery continues from the oldest event it still has. The subscriber must resync
   * from a snapshot.
   */
  default void onGap() {}
}
