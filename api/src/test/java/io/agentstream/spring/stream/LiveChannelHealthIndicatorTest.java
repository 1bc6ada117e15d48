package io.agentstream.spring.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentstream.stream.RedisChannelSettings;
import io.agentstream.stream.RedisStreamChannel;
import io.agentstream.stream.RequiresRedis;
import io.agentstream.stream.SwitchableTcpProxy;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The Redis live channel's health, with Redis behind a relay the test switches on. */
@RequiresRedis
class LiveChannelHealthIndicatorTest {

  @Test
  void reportsDegradedWhileRedisIsUnreachableAndUpOnceItIsBack() {
    try (SwitchableTcpProxy proxy = SwitchableTcpProxy.toTestRedis();
        RedisStreamChannel channel =
            new RedisStreamChannel(
                proxy.url(),
                new RedisChannelSettings(
                    100, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMillis(300)))) {
      LiveChannelHealthIndicator health = new LiveChannelHealthIndicator(channel);

      Health degraded = health.health();
      assertThat(degraded.getStatus()).isEqualTo(LiveChannelHealthIndicator.DEGRADED);
      assertThat(degraded.getDetails()).containsEntry("redis", "unavailable").containsKey("reason");

      proxy.on();
      await()
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(10))
          .until(() -> health.health().getStatus().equals(Status.UP));
    }
  }
}
