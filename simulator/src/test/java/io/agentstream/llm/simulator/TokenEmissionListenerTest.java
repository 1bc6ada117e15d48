package io.agentstream.llm.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The optional emission hook the benchmark uses: every streamed token, in order, with its time. */
class TokenEmissionListenerTest {

  private static final String QUESTION = "Question 7 of batch 1: why is the sea salty?";

  record Emitted(String task, String material, int index, String token, long nanoTime) {}

  private OpenAiSimulator simulator;
  private SimulatorClient client;

  @BeforeEach
  void startSimulator() {
    simulator = OpenAiSimulator.start(SimulatorSettings.defaults().withTokensPerSecond(0));
    client = new SimulatorClient(simulator);
  }

  @AfterEach
  void stopSimulator() {
    simulator.close();
  }

  @Test
  void reportsEveryStreamedTokenInOrderBeforeTheClientHasIt() throws Exception {
    List<Emitted> emitted = new CopyOnWriteArrayList<>();
    simulator.onTokenEmitted(
        (task, material, index, token, nanoTime) ->
            emitted.add(new Emitted(task, material, index, token, nanoTime)));

    StreamCollector collector = client.stream("answer", QUESTION);

    assertThat(collector.error()).isNull();
    assertThat(emitted).hasSize(collector.arrivals().size());
    assertThat(emitted)
        .allSatisfy(
            e -> {
              assertThat(e.task()).isEqualTo("answer");
              assertThat(e.material()).isEqualTo(QUESTION);
            });
    for (int i = 0; i < emitted.size(); i++) {
      assertThat(emitted.get(i).index()).isEqualTo(i);
      assertThat(emitted.get(i).nanoTime())
          .isLessThanOrEqualTo(collector.arrivals().get(i).nanos());
    }
    assertThat(String.join("", emitted.stream().map(Emitted::token).toList()))
        .isEqualTo(collector.text());
  }

  @Test
  void streamsUnchangedWhenTheListenerIsRemovedOrFails() throws Exception {
    String expected = client.fullText("answer", QUESTION);
    List<Emitted> emitted = new CopyOnWriteArrayList<>();
    simulator.onTokenEmitted(
        (task, material, index, token, nanoTime) ->
            emitted.add(new Emitted(task, material, index, token, nanoTime)));
    simulator.onTokenEmitted(null);
    assertThat(client.fullText("answer", QUESTION)).isEqualTo(expected);
    assertThat(emitted).isEmpty();

    simulator.onTokenEmitted(
        (task, material, index, token, nanoTime) -> {
          throw new IllegalStateException("listener bug");
        });
    assertThat(client.fullText("answer", QUESTION)).isEqualTo(expected);
  }
}
