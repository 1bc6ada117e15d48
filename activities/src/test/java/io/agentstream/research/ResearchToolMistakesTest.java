package io.agentstream.research;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.agentstream.llm.ModelStream;
import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.llm.simulator.SimulatorFault;
import io.agentstream.llm.simulator.SimulatorSettings;
import io.agentstream.protocol.ToolCall;
import io.agentstream.protocol.ToolCallStatus;
import io.agentstream.step.StepWriters;
import io.agentstream.stream.InMemoryStreamChannel;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A research step whose model gets a tool call wrong, as small real models do, against the real
 * Temporal test server, the simulated model through langchain4j and the real index of the bundled
 * collection: the mistake is an answer the model is told ({@code {"error": …}}), and the step goes
 * on and completes; it does not fail the attempt, which a retry would only repeat.
 */
class ResearchToolMistakesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path indexDir;

  private static ResearchLibrary library;

  private TestWorkflowEnvironment env;
  private OpenAiSimulator simulator;
  private StepWriters writers;
  private WorkflowClient client;

  @BeforeAll
  static void indexOnce() {
    library = new ResearchLibrary(Corpus.bundled(), indexDir, new CountingEmbeddingModel());
    library.completeIndex();
  }

  @BeforeEach
  void setUp() {
    simulator = OpenAiSimulator.start(new SimulatorSettings(0, 0));
    writers = new StepWriters(new InMemoryStreamChannel(), Duration.ofMillis(100));
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker("steps");
    worker.registerWorkflowImplementationTypes(OneResearchStepWorkflow.Impl.class);
    ModelStream model =
        new ModelStream(
            OpenAiStreamingChatModel.builder()
                .baseUrl(simulator.baseUrl())
                .apiKey("sim")
                .modelName("agentstream-simulator")
                .build());
    worker.registerActivitiesImplementations(
        new DeepResearchActivitiesImpl(writers, model, library));
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void tearDown() {
    env.close();
    writers.close();
    simulator.close();
  }

  private Findings research(String runId) {
    SubQuestionInput input =
        new SubQuestionInput(
            "research-1",
            "How does agentstream resume a step after a worker crash?",
            "What does a step checkpoint while it runs?",
            Map.of(),
            4);
    Object result =
        client
            .newWorkflowStub(
                OneResearchStepWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue("steps").setWorkflowId(runId).build())
            .run(null, input, null);
    return JSON.convertValue(result, Findings.class);
  }

  private static String errorOf(ToolCall call) {
    return JSON.valueToTree(call.data()).path("error").asText();
  }

  @Test
  void aToolTheModelWasNotOfferedIsAnErrorItIsToldAndTheStepGoesOn() {
    simulator
        .faults()
        .inject(
            ResearchPrompts.QUESTION,
            SimulatorFault.extraToolCall("browse", "{\"url\":\"https://example.com\"}"),
            1);

    Findings findings = research("unknown-tool");

    assertThat(findings.toolCalls())
        .extracting(ToolCall::name)
        .containsExactly("search", "search", "browse");
    ToolCall browse = findings.toolCalls().get(2);
    assertThat(browse.status()).isEqualTo(ToolCallStatus.COMPLETED);
    assertThat(errorOf(browse)).contains("there is no tool named browse");
    // The searches still found their sources, and the model wrote its notes after being told.
    assertThat(findings.sources()).isNotEmpty();
    assertThat(findings.notes()).isNotBlank();
    assertThat(simulator.stats().snapshot().requests(ResearchPrompts.QUESTION)).isEqualTo(2);
  }

  @Test
  void argumentsThatAreNotJsonAreAnErrorItIsToldAndTheStepGoesOn() {
    simulator
        .faults()
        .inject(
            ResearchPrompts.QUESTION,
            SimulatorFault.extraToolCall("read", "{\"documentId\": \"READ"),
            1);

    Findings findings = research("cut-arguments");

    ToolCall read = findings.toolCalls().get(2);
    assertThat(read.name()).isEqualTo("read");
    assertThat(errorOf(read)).contains("are not a JSON object of its schema");
    assertThat(findings.sources()).isNotEmpty();
    assertThat(findings.notes()).isNotBlank();
  }
}
