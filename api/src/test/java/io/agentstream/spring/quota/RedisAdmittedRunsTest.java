package io.agentstream.spring.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.stream.RequiresRedis;
import io.agentstream.stream.TestRedis;
import io.lettuce.core.RedisClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Admissions in a real Redis: what one API node admits, another counts at once. */
@RequiresRedis
class RedisAdmittedRunsTest {

  static final Duration KEEP = Duration.ofMinutes(1);

  final RedisClient client = RedisClient.create(TestRedis.url());
  final String owner = "frank-" + UUID.randomUUID();

  @AfterEach
  void close() {
    client.shutdown();
  }

  @Test
  void aRunAdmittedOnOneNodeCountsOnAnotherBeforeAnyListShowsIt() {
    try (RedisAdmittedRuns nodeA = new RedisAdmittedRuns(client, KEEP);
        RedisAdmittedRuns nodeB = new RedisAdmittedRuns(client, KEEP);
        ActiveRuns countsOnA =
            new ActiveRuns(known -> Map.of(), nodeA, Duration.ofSeconds(5), Clock.systemUTC());
        ActiveRuns countsOnB =
            new ActiveRuns(known -> Map.of(), nodeB, Duration.ofSeconds(5), Clock.systemUTC())) {
      countsOnA.admitted(owner, "r1");
      countsOnB.admitted(owner, "r2");

      assertThat(countsOnA.count(owner)).isEqualTo(2);
      assertThat(countsOnB.count(owner)).isEqualTo(2);
      assertThat(countsOnB.count(owner + "-someone-else")).isZero();
    }
  }

  @Test
  void admissionsBeforeTheGivenTimeAreLeftOutAndOldOnesForgotten() {
    try (RedisAdmittedRuns admitted = new RedisAdmittedRuns(client, KEEP)) {
      Instant now = Instant.now();
      admitted.record(owner, "old", now.minus(KEEP).minusSeconds(5));
      admitted.record(owner, "earlier", now.minusSeconds(20));
      admitted.record(owner, "recent", now);

      assertThat(admitted.since(owner, now.minusSeconds(10))).containsExactly("recent");
      assertThat(admitted.since(owner, now.minus(KEEP).minus(KEEP)))
          .containsExactlyInAnyOrder("earlier", "recent");
    }
  }
}
