package io.agentstream.spring.stream;

import io.agentstream.stream.RedisStreamChannel;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of the Redis live channel. A Redis outage is reported as {@code DEGRADED}, not {@code
 * DOWN}: runs still progress and finish (the channel is an accelerator, clients resync from
 * snapshots), so a load balancer must not pull the node. application.yml ranks {@code DEGRADED}
 * between {@code DOWN} and {@code UP} and maps it to HTTP 200.
 */
final class LiveChannelHealthIndicator implements HealthIndicator {

  static final Status DEGRADED =
      new Status(
          "DEGRADED",
          "live events are not streamed; runs continue and clients resync from snapshots");

  private final RedisStreamChannel channel;

  LiveChannelHealthIndicator(RedisStreamChannel channel) {
    this.channel = channel;
  }

  @Override
  public Health health() {
    if (channel.probe()) {
      return Health.up().withDetail("redis", "up").build();
    }
    return Health.status(DEGRADED)
        .withDetail("redis", "unavailable")
        .withDetail("reason", String.valueOf(channel.unavailableReason()))
        .build();
  }
}
