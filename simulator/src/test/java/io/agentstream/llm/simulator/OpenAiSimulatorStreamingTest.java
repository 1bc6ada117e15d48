package io.agentstream.llm.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pacing and connection behaviour, which only show with a throttled simulator. */
class OpenAiSimulatorStreamingTest {

  private static final double TOKENS_PER_SECOND = 20;

  private static OpenAiSimulator simulator;
  private static SimulatorClient client;

  @BeforeAll
  static void startSimulator() {
    simulator =
        OpenAiSimulator.start(SimulatorSettings.defaults().withTokensPerSecond(TOKENS_PER_SECOND));
    client = new SimulatorClient(simulator);
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
  }

  @Test
  void emitsTokensIncrementallyAtConfiguredRate() throws Exception {
    long sent = System.nanoTime();
    StreamCollector collector = client.stream("rank-place", TravelMaterial.RANK_DUKES);

    assertThat(collector.error()).isNull();
    List<StreamCollector.Arrival> arrivals = collector.arrivals();
    assertThat(arrivals).hasSizeGreaterThan(15);
    assertThat(collector.text()).isEqualTo(collector.response().aiMessage().text());

    // Lower bounds only: a paced server cannot deliver earlier than its schedule, while a loaded
    // machine can only make tokens later. A server that dumped the reply at once fails both.
    double expectedSeconds = (arrivals.size() - 1) / TOKENS_PER_SECOND;
    double lastSeconds = seconds(arrivals.get(arrivals.size() - 1).nanos() - sent);
    double middleSeconds = seconds(arrivals.get(arrivals.size() / 2).nanos() - sent);
    assertThat(lastSeconds).isGreaterThan(0.9 * expectedSeconds);
    assertThat(middleSeconds).isGreaterThan(0.4 * expectedSeconds);
  }

  @Test
  void stopsGeneratingWhenTheClientDisconnects() throws Exception {
    String task = "answer";
    int fullTokens =
        SimulatedTokenizer.tokenize(
                ReplyComposer.fullReplyFor(
                    new SimulatedPrompt(task, "How do I get around Oahu without a car?", null)))
            .size();
    StreamCollector collector =
        new StreamCollector(
            (received, context) -> {
              if (received == 3) {
                context.streamingHandle().cancel();
              }
            });

    client.startStreaming(task, "How do I get around Oahu without a car?", collector);

    awaitAbortedStreams(task, Duration.ofSeconds(5));
    SimulatorStatsSnapshot stats = simulator.stats().snapshot();
    assertThat(stats.completedStreams(task)).isZero();
    assertThat(stats.tokensEmitted(task)).isLessThan(fullTokens);
    assertThat(collector.arrivals()).hasSize(3);
  }

  @Test
  void hangFaultGoesSilentThenDropsTheConnection() throws Exception {
    simulator.faults().inject("summarize", SimulatorFault.hangAfter(2, Duration.ofMillis(600)), 1);

    StreamCollector collector =
        client.stream("summarize", "Day 1: Arrive in Rome.\nDay 2: Visit the Colosseum.");

    assertThat(collector.error()).isNotNull();
    assertThat(collector.arrivals()).hasSize(2);
    assertThat(seconds(System.nanoTime() - collector.arrivals().get(1).nanos())).isGreaterThan(0.5);
  }

  private static void awaitAbortedStreams(String task, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (simulator.stats().snapshot().abortedStreams(task) == 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the simulator never noticed the client leaving");
      }
      Thread.sleep(20);
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
