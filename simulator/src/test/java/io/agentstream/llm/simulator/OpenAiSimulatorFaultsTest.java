package io.agentstream.llm.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.RateLimitException;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Injected faults, as langchain4j's OpenAI client reports them to a streaming handler. */
class OpenAiSimulatorFaultsTest {

  private static OpenAiSimulator simulator;
  private static SimulatorClient client;

  @BeforeAll
  static void startSimulator() {
    simulator = OpenAiSimulator.start(SimulatorSettings.defaults().withTokensPerSecond(500));
    client = new SimulatorClient(simulator);
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
  }

  @BeforeEach
  void resetSimulator() {
    simulator.faults().clear();
    simulator.stats().reset();
  }

  @Test
  void rateLimitFaultSurfacesAsRateLimitExceptionOnce() throws Exception {
    simulator.faults().inject(null, SimulatorFault.RATE_LIMIT, 1);

    StreamCollector refused = client.stream("answer", "Is Hawaii expensive?");
    StreamCollector retried = client.stream("answer", "Is Hawaii expensive?");

    assertThat(refused.error())
        .isInstanceOf(RateLimitException.class)
        .hasMessageContaining("rate_limit_exceeded");
    assertThat(refused.arrivals()).isEmpty();
    assertThat(retried.error()).isNull();
    assertThat(retried.text()).isNotBlank();
  }

  @Test
  void unauthorizedFaultSurfacesAsAuthenticationException() throws Exception {
    simulator.faults().inject(null, SimulatorFault.UNAUTHORIZED, 1);

    assertThat(client.stream("answer", "Is Hawaii expensive?").error())
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("invalid_api_key");
  }

  @Test
  void serverErrorFaultSurfacesAsInternalServerException() throws Exception {
    simulator.faults().inject(null, SimulatorFault.SERVER_ERROR, 1);

    assertThat(client.stream("answer", "Is Hawaii expensive?").error())
        .isInstanceOf(InternalServerException.class);
  }

  @Test
  void badRequestFaultSurfacesAsInvalidRequestException() throws Exception {
    simulator.faults().inject(null, SimulatorFault.BAD_REQUEST, 1);

    assertThat(client.stream("answer", "Is Hawaii expensive?").error())
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void cutFaultFailsTheStreamAfterExactlyThatManyTokens() throws Exception {
    String full = client.fullText("plan", TravelMaterial.HAWAII_PLAN_REQUEST);
    simulator.faults().inject("plan", SimulatorFault.cutAfter(5), 1);

    StreamCollector cut = client.stream("plan", TravelMaterial.HAWAII_PLAN_REQUEST);

    // Neither RetriableException nor NonRetriableException: callers must classify it themselves.
    assertThat(cut.error())
        .isExactlyInstanceOf(LangChain4jException.class)
        .hasCauseInstanceOf(IOException.class);
    assertThat(cut.arrivals()).hasSize(5);
    assertThat(full).startsWith(cut.text());
    SimulatorStatsSnapshot stats = simulator.stats().snapshot();
    assertThat(stats.abortedStreams("plan")).isEqualTo(1);
    assertThat(stats.completedStreams("plan")).isEqualTo(1);
  }

  /**
   * Pins a langchain4j 1.19 quirk callers must guard against: after the error of a broken stream,
   * the handler also gets {@code onCompleteResponse} with the partial text, no finish reason and no
   * usage.
   */
  @Test
  void brokenStreamIsReportedAsErrorThenAsCompletionWithoutFinishReason() throws Exception {
    simulator.faults().inject("plan", SimulatorFault.cutAfter(5), 1);

    StreamCollector cut = client.stream("plan", TravelMaterial.HAWAII_PLAN_REQUEST);

    assertThat(cut.awaitOutcomes(2, Duration.ofSeconds(2)))
        .containsExactly(StreamCollector.Outcome.ERROR, StreamCollector.Outcome.COMPLETE);
    assertThat(cut.response().finishReason()).isNull();
    assertThat(cut.response().tokenUsage()).isNull();
    assertThat(cut.response().aiMessage().text()).isEqualTo(cut.text());
  }

  @Test
  void cutStreamCanBeResumedWithoutDuplicatedText() throws Exception {
    simulator.faults().inject("plan", SimulatorFault.cutAfter(12), 1);
    StreamCollector cut = client.stream("plan", TravelMaterial.HAWAII_PLAN_REQUEST);

    StreamCollector rest =
        client.stream(
            SimulatorClient.continuation("plan", TravelMaterial.HAWAII_PLAN_REQUEST, cut.text()),
            new StreamCollector());

    assertThat(cut.error()).isNotNull();
    assertThat(cut.text() + rest.text())
        .isEqualTo(client.fullText("plan", TravelMaterial.HAWAII_PLAN_REQUEST));
  }

  @Test
  void faultIsConsumedOncePerAffectedRequest() throws Exception {
    simulator.faults().inject(null, SimulatorFault.SERVER_ERROR, 2);

    assertThat(client.stream("answer", "Q1?").error()).isInstanceOf(InternalServerException.class);
    assertThat(client.stream("answer", "Q2?").error()).isInstanceOf(InternalServerException.class);
    assertThat(client.stream("answer", "Q3?").error()).isNull();
    assertThat(simulator.faults().pending()).isZero();
  }

  @Test
  void taskFilteredFaultOnlyHitsThatTask() throws Exception {
    simulator.faults().inject("plan", SimulatorFault.RATE_LIMIT, 1);

    StreamCollector otherTask = client.stream("answer", "Is Hawaii expensive?");
    StreamCollector targetTask = client.stream("plan", TravelMaterial.HAWAII_PLAN_REQUEST);

    assertThat(otherTask.error()).isNull();
    assertThat(targetTask.error()).isInstanceOf(RateLimitException.class);
    SimulatorStatsSnapshot stats = simulator.stats().snapshot();
    assertThat(stats.requests("plan")).isEqualTo(1);
    assertThat(stats.completedStreams("plan")).isZero();
    assertThat(stats.completedStreams("answer")).isEqualTo(1);
  }
}
