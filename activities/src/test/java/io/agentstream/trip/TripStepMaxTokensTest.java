package io.agentstream.trip;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.agentstream.llm.MaxTokens;
import io.agentstream.llm.ModelStream;
import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.llm.simulator.SimulatorSettings;
import io.agentstream.llm.simulator.SimulatorStatsSnapshot;
import io.agentstream.metrics.AgentstreamMeters;
import io.agentstream.protocol.TokenUsage;
import io.agentstream.run.TextResult;
import io.agentstream.step.StepWriters;
import io.agentstream.stream.InMemoryStreamChannel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against the real Temporal test server and the simulated model through langchain4j: every model
 * call of a step is sent with the step's {@code max_tokens}, and the step's usage is what the model
 * reported, as are the model token meters.
 */
class TripStepMaxTokensTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PLAN_LIMIT = 12;

  private TestWorkflowEnvironment env;
  private OpenAiSimulator simulator;
  private StepWriters writers;
  private WorkflowClient client;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @BeforeEach
  void setUp() {
    simulator = OpenAiSimulator.start(new SimulatorSettings(0, 400));
    writers = new StepWriters(new InMemoryStreamChannel(), Duration.ofMillis(100), meters);
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker("steps");
    worker.registerWorkflowImplementationTypes(OneStepWorkflow.Impl.class);
    ModelStream model =
        new ModelStream(
            OpenAiStreamingChatModel.builder()
                .baseUrl(simulator.baseUrl())
                .apiKey("sim")
                .modelName("agentstream-simulator")
                .build(),
            meters,
            new MaxTokens(4000, Map.of("plan", PLAN_LIMIT)));
    worker.registerActivitiesImplementations(
        new TripActivitiesImpl(writers, model, PlaceCatalog.bundled()));
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void tearDown() {
    env.close();
    writers.close();
    simulator.close();
  }

  private Object run(String runId, String step, WriteInput write, ResearchInput research) {
    return client
        .newWorkflowStub(
            OneStepWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue("steps").setWorkflowId(runId).build())
        .run(step, write, research);
  }

  private TokenUsage reported() {
    SimulatorStatsSnapshot stats = simulator.stats().snapshot();
    return new TokenUsage(stats.totalPromptTokens(), stats.totalCompletionTokens());
  }

  private double metered(String type) {
    return meters
        .get(AgentstreamMeters.MODEL_TOKENS)
        .tags(
            AgentstreamMeters.TAG_MODEL, "agentstream-simulator", AgentstreamMeters.TAG_TYPE, type)
        .counter()
        .count();
  }

  @Test
  void aStepsModelCallsAreLimitedToItsMaxTokensAndItsUsageIsWhatTheModelReported() {
    WriteInput plan =
        new WriteInput(
            "plan", "Plan a 3-day trip to Oahu", Map.of("travelers", "2"), List.of(), "");

    TextResult result = JSON.convertValue(run("limited", "plan", plan, null), TextResult.class);

    assertThat(result.usage().outputTokens()).isEqualTo(PLAN_LIMIT);
    // The limit cut the itinerary off: the step says so instead of passing it off as finished.
    assertThat(result.cutShort()).isTrue();
    assertThat(result.usage().inputTokens()).isPositive();
    assertThat(result.usage()).isEqualTo(reported());
    assertThat(simulator.stats().snapshot().tokensEmitted("plan")).isEqualTo(PLAN_LIMIT);
    assertThat(metered(AgentstreamMeters.TYPE_OUTPUT)).isEqualTo(PLAN_LIMIT);
    assertThat(metered(AgentstreamMeters.TYPE_INPUT)).isEqualTo(result.usage().inputTokens());
  }

  @Test
  void aStepWithoutALimitOfItsOwnGetsTheDefault() {
    ResearchInput research =
        new ResearchInput("research-restaurants", "restaurant", "Plan a trip to Oahu", Map.of(), 2);

    ResearchResult result =
        JSON.convertValue(run("default", "research", null, research), ResearchResult.class);

    // Far under the default: every rationale is whole, and the usage covers every call.
    assertThat(result.places()).hasSize(2).allMatch(p -> p.rationale().endsWith("."));
    assertThat(result.usage()).isEqualTo(reported());
    assertThat(result.usage().outputTokens()).isGreaterThan(PLAN_LIMIT);
  }
}
