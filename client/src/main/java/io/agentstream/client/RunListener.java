package io.agentstream.client;

import io.agentstream.protocol.RunEvent;
import io.agentstream.protocol.RunView;

/**
 * Told about a followed run as it happens. Called on the follower's thread, in event order; a slow
 * listener only delays this client, never the run.
 */
public interface RunListener {

  /**
   * An event was applied to the view.
   *
   * @param event the event as received
   * @param outcome what applying it meant; {@code RESYNC} is followed by a reconnect without an id
   * @param view the run as this client sees it now
   */
  void onEvent(RunEvent event, RunView.Outcome outcome, RunView view);

  /**
   * A connection is about to be opened.
   *
   * @param attempt 1 for the first connection, then 2, 3, … for reconnects
   * @param lastEventId sent as {@code Last-Event-ID}, or null for a fresh snapshot
   */
  default void onConnect(int attempt, Long lastEventId) {}

  /** A connection ended without the run ending (the follower reconnects). */
  default void onDisconnect(Exception cause) {}
}
