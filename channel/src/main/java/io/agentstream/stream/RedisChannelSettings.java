package io.agentstream.stream;

import java.time.Duration;

/**
 * How the Redis live channel bounds a run's stream in size and time, and how long it waits for
 * Redis. The channel is an accelerator that can be rebuilt from snapshots, so nothing on it is kept
 * forever. Plain values: the application decides where they come from and what their defaults are
 * (the Spring app binds them from {@code agentstream.redis.*}).
 *
 * @param maxEventsPerRun approximate cap of a run's stream ({@code XADD MAXLEN ~}); older events
 *     are trimmed and a subscriber resuming before them gets {@code onGap()}
 * @param retentionAfterEnd how long a run's stream stays readable after its terminal event, for
 *     late reconnects
 * @param idleRetention how long a run that never finishes keeps its stream after its last event
 * @param commandTimeout longest wait for one Redis command; a slower Redis counts as unavailable so
 *     steps are never held up by the live channel
 */
public record RedisChannelSettings(
    int maxEventsPerRun,
    Duration retentionAfterEnd,
    Duration idleRetention,
    Duration commandTimeout) {

  public RedisChannelSettings {
    if (maxEventsPerRun < 1) {
      throw new IllegalArgumentException(
          "maxEventsPerRun must be at least 1, was " + maxEventsPerRun);
    }
  }
}
