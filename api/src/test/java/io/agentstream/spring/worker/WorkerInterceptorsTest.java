package io.agentstream.spring.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.agentstream.metrics.AgentstreamMeters;
import io.agentstream.spring.agent.AgentCatalog;
import io.agentstream.spring.agent.AgentDefinition;
import io.agentstream.step.LogContext;
import io.agentstream.step.StepWriter;
import io.agentstream.step.StepWriters;
import io.agentstream.stream.InMemoryStreamChannel;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The worker's interceptors: activity log lines name their run (and, once the step's writer is
 * open, its step), and runs are counted and timed once each by agent and outcome, however often
 * their workflow is replayed.
 */
class WorkerInterceptorsTest {

  @WorkflowInterface
  public interface Greeting {
    @WorkflowMethod(name = "Greeting")
    String greet(String how);

    @QueryMethod
    String how();
  }

  @ActivityInterface
  public interface Say {
    @ActivityMethod(name = "Say")
    String say();
  }

  public static class GreetingImpl implements Greeting {
    private String how = "";

    @Override
    public String greet(String how) {
      this.how = how;
      if (how.equals("fail")) {
        throw ApplicationFailure.newNonRetryableFailure("no greeting today", "Test");
      }
      if (how.equals("wait")) {
        Workflow.await(() -> false);
      }
      return Workflow.newActivityStub(
              Say.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build())
          .say();
    }

    @Override
    public String how() {
      return how;
    }
  }

  private static final org.slf4j.Logger activityLog =
      LoggerFactory.getLogger(WorkerInterceptorsTest.class.getName() + ".activity");

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private TestWorkflowEnvironment env;
  private StepWriters writers;
  private WorkflowClient client;

  @BeforeEach
  void setUp() {
    Logger logger = (Logger) LoggerFactory.getLogger(activityLog.getName());
    logger.setLevel(Level.INFO);
    logged.start();
    logger.addAppender(logged);
    AgentCatalog agents =
        new AgentCatalog(
            List.of(
                new AgentDefinition(
                    "greeter",
                    "Greeting",
                    "Greets.",
                    List.of(),
                    "how",
                    "How",
                    "warmly",
                    null,
                    w -> {})));
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(
                            new ActivityLogContext(), new RunMeters(meters, agents))
                        .build())
                .build());
    writers = new StepWriters(new InMemoryStreamChannel(), Duration.ofMillis(200));
    Worker worker = env.newWorker("greetings");
    worker.registerWorkflowImplementationTypes(GreetingImpl.class);
    worker.registerActivitiesImplementations(
        (Say)
            () -> {
              activityLog.info("before the writer");
              String text;
              try (StepWriter writer = writers.openTextStep("greet")) {
                writer.token("hello");
                activityLog.info("inside the writer");
                text = writer.text();
              }
              activityLog.info("after the writer");
              return text;
            });
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void tearDown() {
    env.close();
    writers.close();
    ((Logger) LoggerFactory.getLogger(activityLog.getName())).detachAppender(logged);
  }

  private Greeting greeting(String runId) {
    return client.newWorkflowStub(
        Greeting.class,
        WorkflowOptions.newBuilder().setTaskQueue("greetings").setWorkflowId(runId).build());
  }

  @Test
  void aLogLineInsideAnActivityCarriesItsRunAndOnceTheWriterIsOpenItsStep() {
    assertThat(greeting("run-logged").greet("warmly")).isEqualTo("hello");

    // Temporal's SDK adds its own fields (WorkflowId, its RunId, ActivityType, Attempt, ...).
    assertThat(logged.list)
        .extracting(
            ILoggingEvent::getMessage,
            e -> e.getMDCPropertyMap().get(LogContext.RUN_ID),
            e -> e.getMDCPropertyMap().get(LogContext.STEP_ID))
        .containsExactly(
            tuple("before the writer", "run-logged", null),
            tuple("inside the writer", "run-logged", "greet"),
            tuple("after the writer", "run-logged", null));
  }

  @Test
  void everyAgentsRunMetersExistAtZeroBeforeItsFirstRunSoRateSeesTheFirstOne() {
    assertThat(
            meters
                .get(AgentstreamMeters.RUNS_STARTED)
                .tag(AgentstreamMeters.TAG_AGENT, "greeter")
                .counter()
                .count())
        .isZero();
    assertThat(
            meters
                .get(AgentstreamMeters.RUN_DURATION)
                .tag(AgentstreamMeters.TAG_AGENT, "greeter")
                .timers())
        .extracting(t -> t.getId().getTag(AgentstreamMeters.TAG_OUTCOME), Timer::count)
        .containsExactlyInAnyOrder(
            tuple(AgentstreamMeters.OUTCOME_COMPLETED, 0L),
            tuple(AgentstreamMeters.OUTCOME_FAILED, 0L),
            tuple(AgentstreamMeters.OUTCOME_CANCELLED, 0L));
  }

  @Test
  void eachRunIsCountedOnceByAgentAndOutcomeEvenWhenItsWorkflowIsReplayed() {
    Greeting completed = greeting("run-completed");
    completed.greet("warmly");
    // A query on a closed run replays its whole workflow: nothing is counted again.
    assertThat(completed.how()).isEqualTo("warmly");
    assertThat(completed.how()).isEqualTo("warmly");

    assertThatThrownBy(() -> greeting("run-failed").greet("fail"))
        .isInstanceOf(WorkflowFailedException.class);

    Greeting waiting = greeting("run-cancelled");
    WorkflowClient.start(waiting::greet, "wait");
    WorkflowStub.fromTyped(waiting).cancel();
    assertThatThrownBy(() -> WorkflowStub.fromTyped(waiting).getResult(String.class))
        .isInstanceOf(WorkflowFailedException.class);

    assertThat(
            meters
                .get(AgentstreamMeters.RUNS_STARTED)
                .tag(AgentstreamMeters.TAG_AGENT, "greeter")
                .counter()
                .count())
        .isEqualTo(3);
    for (String outcome :
        List.of(
            AgentstreamMeters.OUTCOME_COMPLETED,
            AgentstreamMeters.OUTCOME_FAILED,
            AgentstreamMeters.OUTCOME_CANCELLED)) {
      assertThat(
              meters
                  .get(AgentstreamMeters.RUN_DURATION)
                  .tags(
                      AgentstreamMeters.TAG_AGENT,
                      "greeter",
                      AgentstreamMeters.TAG_OUTCOME,
                      outcome)
                  .timer()
                  .count())
          .as(outcome)
          .isEqualTo(1);
    }
  }
}
