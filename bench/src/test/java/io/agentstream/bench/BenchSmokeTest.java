package io.agentstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.stream.RequiresRedis;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bench's quick mode, smaller still, as a CI smoke test: every mode (direct, agentstream over
 * the memory channel, agentstream over Redis, durable polling) at loads 1 and 5 and a 1 x 5
 * fan-out. Asserts correctness only, never timings: every client received every token exactly once,
 * with strictly increasing sequence numbers, and reassembled exactly the final answer. Needs Redis
 * on 127.0.0.1:6379, like the other Redis tests.
 */
@RequiresRedis
class BenchSmokeTest {

  @Test
  @Timeout(180)
  void everyModeDeliversEveryTokenExactlyOnce() throws Exception {
    BenchReport report = BenchMain.run(BenchConfig.smoke(), Path.of("target", "smoke-results"));
    System.out.println(report.table());

    List<PhaseResult> phases = report.phases();
    assertThat(phases)
        .extracting(PhaseResult::mode)
        .contains(Bench.DIRECT, Bench.MEMORY, Bench.REDIS, Bench.POLLING);
    assertThat(phases).hasSize(4 * 3);
    for (PhaseResult phase : phases) {
      assertThat(phase.lost()).as("tokens lost in %s", phase.label()).isZero();
      assertThat(phase.duplicated()).as("tokens duplicated in %s", phase.label()).isZero();
      assertThat(phase.gaps()).as("gaps in %s", phase.label()).isZero();
      assertThat(phase.mismatches()).as("text mismatches in %s", phase.label()).isZero();
      assertThat(phase.failedClients())
          .as("failed clients in %s: %s", phase.label(), phase.problems())
          .isZero();
      assertThat(phase.tokensDelivered())
          .as("tokens delivered in %s", phase.label())
          .isEqualTo(phase.tokensExpected())
          .isPositive();
    }
    assertThat(Path.of("target", "smoke-results", "results.csv")).exists();
    assertThat(Path.of("target", "smoke-results", "results.json")).exists();
    assertThat(Path.of("target", "smoke-results", "latency.png")).exists();
  }
}
