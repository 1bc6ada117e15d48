package io.agentstream.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.protocol.RunEvent;
import io.agentstream.protocol.StepRewind;
import io.agentstream.protocol.ToolCallArguments;
import io.agentstream.protocol.ToolCallCompleted;
import io.agentstream.protocol.ToolCallStarted;
import io.agentstream.protocol.ToolCallStatus;
import io.agentstream.stream.InMemoryStreamChannel;
import io.agentstream.stream.StreamListener;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tool calls through the writer against the real Temporal test server: a completed call's result is
 * in the checkpoint, so the retry of a failed attempt does not run it again.
 */
class ToolCallResumeTest {

  @ActivityInterface
  public interface SearchTwice {
    @ActivityMethod(name = "SearchTwice")
    List<String> search();
  }

  @WorkflowInterface
  public interface OneSearch {
    @WorkflowMethod
    List<String> run();

    class Impl implements OneSearch {
      @Override
      public List<String> run() {
        return Workflow.newActivityStub(
                SearchTwice.class,
                ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setHeartbeatTimeout(Duration.ofSeconds(5))
                    .setRetryOptions(
                        RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofMillis(50))
                            .setMaximumAttempts(3)
                            .build())
                    .build())
            .search();
      }
    }
  }

  private TestWorkflowEnvironment env;
  private InMemoryStreamChannel channel;
  private StepWriters writers;
  private final Map<String, AtomicInteger> runs =
      Map.of("attraction", new AtomicInteger(), "restaurant", new AtomicInteger());

  @BeforeEach
  void setUp() {
    channel = new InMemoryStreamChannel();
    writers = new StepWriters(channel, Duration.ofMillis(100));
    env = TestWorkflowEnvironment.newInstance();
    Worker worker =
        env.newWorker(
            "steps",
            WorkerOptions.newBuilder()
                .setMaxHeartbeatThrottleInterval(Duration.ofMillis(100))
                .build());
    worker.registerWorkflowImplementationTypes(OneSearch.Impl.class);
    AtomicInteger attempts = new AtomicInteger();
    worker.registerActivitiesImplementations(
        (SearchTwice)
            () -> {
              try (StepWriter writer = writers.openStep("research")) {
                ToolResult attractions = search(writer, "call_1", "attraction");
                if (attempts.incrementAndGet() == 1) {
                  // The first attempt dies before its second call, after the first one completed.
                  throw writer.failed(ApplicationFailure.newFailure("connection reset", "Crash"));
                }
                ToolResult restaurants = search(writer, "call_2", "restaurant");
                return List.of(attractions.summary(), restaurants.summary());
              }
            });
    env.start();
  }

  private ToolResult search(StepWriter writer, String callId, String category) {
    String arguments = "{\"destination\":\"Rome\",\"category\":\"" + category + "\"}";
    return writer.callTool(
        callId,
        "search_places",
        arguments,
        () -> {
          runs.get(category).incrementAndGet();
          return new ToolResult("1 " + category + " in Rome", Map.of("category", category));
        });
  }

  @AfterEach
  void tearDown() {
    env.close();
    writers.close();
  }

  @Test
  void aRetriedAttemptTakesACompletedCallsResultFromTheCheckpointInsteadOfCallingAgain() {
    List<RunEvent> events = new CopyOnWriteArrayList<>();
    channel.subscribe(
        "tools",
        0,
        new StreamListener() {
          @Override
          public void onEvent(RunEvent event) {
            events.add(event);
          }
        });
    WorkflowClient client = env.getWorkflowClient();
    List<String> summaries =
        client
            .newWorkflowStub(
                OneSearch.class,
                WorkflowOptions.newBuilder().setTaskQueue("steps").setWorkflowId("tools").build())
            .run();

    assertThat(summaries).containsExactly("1 attraction in Rome", "1 restaurant in Rome");
    assertThat(runs.get("attraction")).hasValue(1);
    assertThat(runs.get("restaurant")).hasValue(1);
    StepRewind rewind =
        events.stream()
            .map(RunEvent::payload)
            .filter(StepRewind.class::isInstance)
            .map(StepRewind.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(rewind.toolCalls())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.callId()).isEqualTo("call_1");
              assertThat(c.status()).isEqualTo(ToolCallStatus.COMPLETED);
              assertThat(c.summary()).isEqualTo("1 attraction in Rome");
            });
    // Attempt 2 streams only the call it makes, at the index after the checkpointed one.
    assertThat(events)
        .filteredOn(e -> e.attempt() == 2 && e.payload() instanceof ToolCallStarted)
        .extracting(e -> ((ToolCallStarted) e.payload()).index())
        .containsExactly(1);
    assertThat(events)
        .filteredOn(e -> e.payload() instanceof ToolCallCompleted)
        .extracting(RunEvent::attempt)
        .containsExactly(1, 2);
    assertThat(events).noneMatch(e -> e.payload() instanceof ToolCallArguments);
  }
}
