package io.agentstream.llm.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.output.FinishReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Through the real langchain4j client: the usage each reply reports is counted in the stats (what
 * tests compare a step's recorded usage with), and {@code max_tokens} cuts a reply as OpenAI does.
 */
class OpenAiSimulatorUsageTest {

  private static OpenAiSimulator simulator;
  private static SimulatorClient client;

  @BeforeAll
  static void startSimulator() {
    simulator = OpenAiSimulator.start(SimulatorSettings.defaults().withTokensPerSecond(0));
    client = new SimulatorClient(simulator);
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
  }

  @BeforeEach
  void resetStats() {
    simulator.stats().reset();
    simulator.reason(SimulatedReasoning.NONE);
  }

  @Test
  void theStatsCountTheUsageEachReplyReported() throws Exception {
    StreamCollector first = client.stream("rank-place", TravelMaterial.RANK_DUKES);
    StreamCollector second = client.stream("answer", "How do I get around Oahu without a car?");

    SimulatorStatsSnapshot stats = simulator.stats().snapshot();
    assertThat(stats.completionTokens("rank-place"))
        .isEqualTo(first.response().tokenUsage().outputTokenCount().longValue())
        .isEqualTo(first.arrivals().size());
    assertThat(stats.promptTokens("rank-place"))
        .isEqualTo(first.response().tokenUsage().inputTokenCount().longValue());
    assertThat(stats.totalCompletionTokens())
        .isEqualTo(
            first.response().tokenUsage().outputTokenCount()
                + second.response().tokenUsage().outputTokenCount());
  }

  @Test
  void maxTokensCutsTheReplyWithFinishReasonLength() throws Exception {
    String full = client.fullText("answer", "How do I get around Oahu without a car?");
    assertThat(SimulatedTokenizer.tokenize(full).size()).isGreaterThan(5);

    StreamCollector collector = new StreamCollector();
    client.stream(
        ChatRequest.builder()
            .messages(SimulatorClient.messages("answer", "How do I get around Oahu without a car?"))
            .maxOutputTokens(5)
            .build(),
        collector);

    assertThat(collector.error()).isNull();
    assertThat(collector.arrivals()).hasSize(5);
    assertThat(full).startsWith(collector.text());
    assertThat(collector.response().finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(collector.response().tokenUsage().outputTokenCount()).isEqualTo(5);
  }

  @Test
  void aReplyArmedWithoutUsageFinishesWithNoUsageReported() throws Exception {
    simulator.faults().inject("answer", SimulatorFault.WITHOUT_USAGE, 1);

    StreamCollector without = client.stream("answer", "How do I get around Oahu without a car?");
    StreamCollector with = client.stream("answer", "How do I get around Oahu without a car?");

    assertThat(without.error()).isNull();
    assertThat(without.response().finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(without.response().tokenUsage()).isNull();
    assertThat(without.text()).isEqualTo(with.text());
    assertThat(with.response().tokenUsage().outputTokenCount()).isPositive();
  }

  @Test
  void reasoningComesBeforeTheAnswerWhereItIsSentAndCountsAsOutput() throws Exception {
    String question = "How do I get around Oahu without a car?";
    StreamCollector plain = client.stream("answer", question);
    simulator.reason(SimulatedReasoning.IN_CONTENT);
    StreamCollector inContent = client.stream("answer", question);
    simulator.reason(SimulatedReasoning.IN_REASONING_FIELD);
    StreamCollector inField = client.stream("answer", question);

    int reasoning = ThinkingAloud.reasoning("answer").size();
    assertThat(inContent.text())
        .startsWith("<think>\nThe task is answer.")
        .endsWith("</think>\n\n" + plain.text());
    assertThat(inContent.arrivals()).extracting(StreamCollector.Arrival::token).contains("<th");
    assertThat(inContent.response().tokenUsage().outputTokenCount())
        .isEqualTo(plain.response().tokenUsage().outputTokenCount() + reasoning + 9);
    // A client that does not ask for reasoning gets the answer alone.
    assertThat(inField.text()).isEqualTo(plain.text());
    assertThat(inField.response().tokenUsage().outputTokenCount())
        .isEqualTo(plain.response().tokenUsage().outputTokenCount() + reasoning);
  }
}
