package io.agentstream.research;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.llm.simulator.SimulatorFault;
import io.agentstream.protocol.ToolCall;
import io.agentstream.protocol.ToolCallStatus;
import io.agentstream.step.SimulatedModelFixture;
import io.temporal.client.WorkflowOptions;
import java.nio.file.Path;
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

  private SimulatedModelFixture fixture;
  private OpenAiSimulator simulator;

  @BeforeAll
  static void indexOnce() {
    library = new ResearchLibrary(Corpus.bundled(), indexDir, new CountingEmbeddingModel());
    library.completeIndex();
  }

  @BeforeEach
  void setUp() {
    fixture = SimulatedModelFixture.start();
    simulator = fixture.simulator();
    fixture.worker().registerWorkflowImplementationTypes(OneResearchStepWorkflow.Impl.class);
    fixture
        .worker()
        .registerActivitiesImplementations(
            new DeepResearchActivitiesImpl(fixture.writers(), fixture.model(), library));
    fixture.startWorker();
  }

  @AfterEach
  void tearDown() {
    fixture.close();
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
        fixture
            .client()
            .newWorkflowStub(
                OneResearchStepWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(SimulatedModelFixture.TASK_QUEUE)
                    .setWorkflowId(runId)
                    .build())
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
