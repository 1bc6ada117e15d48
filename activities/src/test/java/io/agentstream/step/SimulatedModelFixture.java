package io.agentstream.step;

import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.agentstream.llm.ModelStream;
import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.llm.simulator.SimulatorSettings;
import io.agentstream.protocol.RunEvent;
import io.agentstream.stream.InMemoryStreamChannel;
import io.agentstream.stream.StreamListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the steps' resume tests run against: the simulated model served over HTTP and reached
 * through the real langchain4j client, step writers streaming to an in-memory channel, and the real
 * Temporal test server with one worker on {@link #TASK_QUEUE}. Checkpoints are written and
 * heartbeats sent every 100 ms, so that an attempt cut short has a checkpoint to resume from.
 *
 * <p>The agents' resume tests each built this the same way; here it is built once, and {@link
 * #close()} shuts it down in the order they did: Temporal first (its workers stop using the writers
 * and the model), then the writers, then the simulator.
 *
 * <p>A test registers its one-step workflow and its activities on {@link #worker()}, then calls
 * {@link #startWorker()}.
 */
public final class SimulatedModelFixture implements AutoCloseable {

  /** The task queue of the fixture's worker. */
  public static final String TASK_QUEUE = "steps";

  /**
   * The model the chat model asks the simulator for; meters and observations are tagged with it.
   */
  private static final String MODEL_NAME = "agentstream-simulator";

  private static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(100);

  private final OpenAiSimulator simulator;
  private final InMemoryStreamChannel channel;
  private final StepWriters writers;
  private final ModelStream model;
  private final TestWorkflowEnvironment env;
  private final Worker worker;

  private SimulatedModelFixture(
      OpenAiSimulator simulator,
      InMemoryStreamChannel channel,
      StepWriters writers,
      ModelStream model) {
    this.simulator = simulator;
    this.channel = channel;
    this.writers = writers;
    this.model = model;
    this.env = TestWorkflowEnvironment.newInstance();
    this.worker =
        env.newWorker(
            TASK_QUEUE,
            WorkerOptions.newBuilder()
                .setMaxHeartbeatThrottleInterval(CHECKPOINT_INTERVAL)
                .build());
  }

  /** Starts the simulator; the writers and the model keep their meters to themselves. */
  public static SimulatedModelFixture start() {
    OpenAiSimulator simulator = startSimulator();
    InMemoryStreamChannel channel = new InMemoryStreamChannel();
    return new SimulatedModelFixture(
        simulator,
        channel,
        new StepWriters(channel, CHECKPOINT_INTERVAL),
        new ModelStream(chatModel(simulator)));
  }

  /** Starts the simulator; the writers and the model record their meters in {@code meters}. */
  public static SimulatedModelFixture start(MeterRegistry meters) {
    OpenAiSimulator simulator = startSimulator();
    InMemoryStreamChannel channel = new InMemoryStreamChannel();
    return new SimulatedModelFixture(
        simulator,
        channel,
        new StepWriters(channel, CHECKPOINT_INTERVAL, meters),
        new ModelStream(chatModel(simulator), meters));
  }

  private static OpenAiSimulator startSimulator() {
    return OpenAiSimulator.start(new SimulatorSettings(0, 400));
  }

  private static OpenAiStreamingChatModel chatModel(OpenAiSimulator simulator) {
    return OpenAiStreamingChatModel.builder()
        .baseUrl(simulator.baseUrl())
        .apiKey("sim")
        .modelName(MODEL_NAME)
        // As the starter builds it: reasoning read, and sent back with the tool calls it led to.
        .returnThinking(true)
        .sendThinking(true)
        .build();
  }

  public OpenAiSimulator simulator() {
    return simulator;
  }

  public StepWriters writers() {
    return writers;
  }

  public ModelStream model() {
    return model;
  }

  /** The worker on {@link #TASK_QUEUE}, for the test's workflow and activities. */
  public Worker worker() {
    return worker;
  }

  /** Starts the worker, once the test has registered what it runs. */
  public void startWorker() {
    env.start();
  }

  public WorkflowClient client() {
    return env.getWorkflowClient();
  }

  /** Every event of {@code runId} the channel publishes, collected as they come. */
  public List<RunEvent> record(String runId) {
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

  @Override
  public void close() {
    try {
      env.close();
    } finally {
      try {
        writers.close();
      } finally {
        simulator.close();
      }
    }
  }
}
