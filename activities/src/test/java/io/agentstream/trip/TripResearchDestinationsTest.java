package io.agentstream.trip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.agentstream.llm.ModelStream;
import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.llm.simulator.SimulatorFault;
import io.agentstream.llm.simulator.SimulatorSettings;
import io.agentstream.protocol.RunEvent;
import io.agentstream.protocol.StepRewind;
import io.agentstream.protocol.ToolCall;
import io.agentstream.protocol.ToolCallArguments;
import io.agentstream.protocol.ToolCallCompleted;
import io.agentstream.protocol.ToolCallStarted;
import io.agentstream.protocol.ToolCallStatus;
import io.agentstream.step.StepWriters;
import io.agentstream.stream.InMemoryStreamChannel;
import io.agentstream.stream.StreamListener;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The research step for any destination, against the real Temporal test server and the simulator
 * through the real langchain4j client: the model calls {@code search_places}, the call streams, and
 * the places found are in the destination asked about and nowhere else.
 */
class TripResearchDestinationsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TestWorkflowEnvironment env;
  private OpenAiSimulator simulator;
  private InMemoryStreamChannel channel;
  private StepWriters writers;
  private WorkflowClient client;

  @BeforeEach
  void setUp() {
    simulator = OpenAiSimulator.start(new SimulatorSettings(0, 400));
    channel = new InMemoryStreamChannel();
    writers = new StepWriters(channel, Duration.ofMillis(100));
    env = TestWorkflowEnvironment.newInstance();
    Worker worker =
        env.newWorker(
            "steps",
            WorkerOptions.newBuilder()
                .setMaxHeartbeatThrottleInterval(Duration.ofMillis(100))
                .build());
    worker.registerWorkflowImplementationTypes(OneStepWorkflow.Impl.class);
    ModelStream model =
        new ModelStream(
            OpenAiStreamingChatModel.builder()
                .baseUrl(simulator.baseUrl())
                .apiKey("sim")
                .modelName("agentstream-simulator")
                .strictJsonSchema(true)
                .build());
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

  private ResearchResult research(String runId, String request) {
    OneStepWorkflow workflow =
        client.newWorkflowStub(
            OneStepWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue("steps").setWorkflowId(runId).build());
    ResearchInput input =
        new ResearchInput("research-attractions", "attraction", request, Map.of(), 3);
    return JSON.convertValue(workflow.run("research", null, input), ResearchResult.class);
  }

  private List<RunEvent> record(String runId) {
    List<RunEvent> events = new CopyOnWriteArrayList<>();
    channel.subscribe(
        runId,
        0,
        new StreamListener() {
          @Override
          public void onEvent(RunEvent event) {
            events.add(event);
          }
        });
    return events;
  }

  @ParameterizedTest
  @CsvSource({
    "hawaii, Plan a 5-day trip to Hawaii for 2 adults, Hawaii",
    "rome, Plan a 4-day trip to Rome, Rome",
    "kyoto, Plan a week in Kyoto in April, Kyoto"
  })
  void placesAreInTheRequestedDestinationOnly(String runId, String request, String destination) {
    List<RunEvent> events = record(runId);
    ResearchResult result = research(runId, request);

    assertThat(result.places()).isNotEmpty();
    assertThat(result.places()).allSatisfy(p -> assertThat(p.destination()).isEqualTo(destination));
    assertThat(result.places()).allSatisfy(p -> assertThat(p.rationale()).isNotBlank());
    if (!destination.equals(PlaceCatalog.DESTINATION)) {
      // Nothing from the bundled Hawaii catalog: no island, and names the model gave for here.
      assertThat(result.places()).allSatisfy(p -> assertThat(p.island()).isNull());
      assertThat(result.places()).allSatisfy(p -> assertThat(p.name()).contains(destination));
    }
    // The search streamed as a tool call: started, its arguments in pieces, then its result.
    ToolCallStarted started = payload(events, ToolCallStarted.class).get(0);
    assertThat(started.name()).isEqualTo("search_places");
    assertThat(payload(events, ToolCallArguments.class)).isNotEmpty();
    assertThat(payload(events, ToolCallCompleted.class))
        .singleElement()
        .satisfies(c -> assertThat(c.summary()).endsWith(" in " + destination));
    assertThat(result.toolCalls())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.status()).isEqualTo(ToolCallStatus.COMPLETED);
              assertThat(c.arguments()).contains("\"destination\":\"" + destination + "\"");
            });
  }

  @Test
  void aCallTheModelGotWrongIsMarkedFailedAndItsOtherCallsStillCount() {
    simulator
        .faults()
        .inject("research-places", SimulatorFault.extraToolCall("book_hotel", "{}"), 1);

    ResearchResult result = research("wrong-tool", "Plan a 4-day trip to Rome");

    assertThat(result.places())
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.destination()).isEqualTo("Rome"));
    assertThat(result.toolCalls())
        .extracting(ToolCall::name, ToolCall::status)
        .containsExactly(
            tuple("search_places", ToolCallStatus.COMPLETED),
            tuple("book_hotel", ToolCallStatus.FAILED));
    assertThat(result.toolCalls().get(1).error())
        .isEqualTo("the model called an unknown tool: book_hotel");
  }

  @Test
  void aTurnOfOnlyMistakesIsToldWhatWasWrongAndTheModelCallsAgain() {
    simulator
        .faults()
        .inject(
            "research-places",
            SimulatorFault.onlyToolCall("search_places", "{\"destination\": \"Ro"),
            1);

    ResearchResult result = research("cut-arguments", "Plan a 4-day trip to Rome");

    assertThat(result.places())
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.destination()).isEqualTo("Rome"));
    assertThat(result.toolCalls())
        .extracting(ToolCall::status)
        .containsExactly(ToolCallStatus.FAILED, ToolCallStatus.COMPLETED);
    assertThat(result.toolCalls().get(0).error()).contains("not its schema");
    assertThat(simulator.stats().snapshot().requests("research-places")).isEqualTo(2);
  }

  @Test
  void aCategoryWrittenOtherwiseIsTheStepsCategory() {
    simulator
        .faults()
        .inject(
            "research-places",
            SimulatorFault.onlyToolCall(
                "search_places",
                "{\"destination\":\"Rome\",\"category\":\"Attractions\",\"preferences\":\"\"}"),
            1);

    ResearchResult result = research("category-plural", "Plan a 4-day trip to Rome");

    assertThat(result.places())
        .isNotEmpty()
        .allSatisfy(
            p -> {
              assertThat(p.destination()).isEqualTo("Rome");
              assertThat(p.category()).isEqualTo("attraction");
            });
    assertThat(result.toolCalls())
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.summary()).isEqualTo(result.places().size() + " attractions in Rome"));
  }

  @Test
  void aModelThatErrsTwiceGetsTheRequestItselfSearched() {
    simulator
        .faults()
        .inject("research-places", SimulatorFault.onlyToolCall("find_hotels", "{}"), 2);

    ResearchResult result = research("errs-twice", "Plan a 4-day trip to Rome");

    assertThat(result.places()).isNotEmpty();
    assertThat(result.toolCalls())
        .extracting(ToolCall::name, ToolCall::status)
        .containsExactly(
            tuple("find_hotels", ToolCallStatus.FAILED),
            tuple("find_hotels", ToolCallStatus.FAILED),
            tuple("search_places", ToolCallStatus.COMPLETED));
    assertThat(result.toolCalls().get(2).callId()).isEqualTo("fallback");
    // The request was searched, the places are in Rome.
    assertThat(result.places()).allSatisfy(p -> assertThat(p.destination()).isEqualTo("Rome"));
  }

  @Test
  void aRetryAfterTheSearchDoesNotSearchAgain() {
    // The first rationale is cut: the attempt fails after the search completed.
    simulator.faults().inject("rank-place", SimulatorFault.cutAfter(3), 1);
    List<RunEvent> events = record("rome-retry");
    ResearchResult result = research("rome-retry", "Plan a 4-day trip to Rome");

    assertThat(result.places()).isNotEmpty();
    assertThat(result.places()).allSatisfy(p -> assertThat(p.destination()).isEqualTo("Rome"));
    StepRewind rewind = payload(events, StepRewind.class).get(0);
    assertThat(rewind.toolCalls()).hasSize(1);
    // One search in all: the retry took the completed call's result from the checkpoint.
    assertThat(simulator.stats().snapshot().requests("suggest-candidates")).isEqualTo(1L);
    assertThat(payload(events, ToolCallCompleted.class)).hasSize(1);
  }

  private static <T> List<T> payload(List<RunEvent> events, Class<T> type) {
    return events.stream().map(RunEvent::payload).filter(type::isInstance).map(type::cast).toList();
  }
}
