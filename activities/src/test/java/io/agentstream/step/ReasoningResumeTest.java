package io.agentstream.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import io.agentstream.llm.Prompt;
import io.agentstream.llm.simulator.SimulatedReasoning;
import io.agentstream.protocol.RunEvent;
import io.agentstream.protocol.StepReasoning;
import io.agentstream.protocol.StepRewind;
import io.agentstream.protocol.StepToken;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A reasoning model's reasoning streamed as {@code step.reasoning}, through the real langchain4j
 * client against the simulator and the real Temporal test server: never part of the step's text, in
 * the checkpoint, so the retry of a crashed attempt rewinds to it and reasons on after it, a blank
 * line apart.
 */
class ReasoningResumeTest {

  private static final JsonSchema QUESTIONS =
      JsonSchema.builder()
          .name("questions")
          .rootElement(
              JsonObjectSchema.builder()
                  .addStringProperty("first")
                  .addStringProperty("second")
                  .required("first", "second")
                  .build())
          .build();

  @ActivityInterface
  public interface Think {
    @ActivityMethod(name = "Think")
    String think(boolean structured);
  }

  @WorkflowInterface
  public interface OneStep {
    @WorkflowMethod
    String run(boolean structured);

    class Impl implements OneStep {
      @Override
      public String run(boolean structured) {
        return Workflow.newActivityStub(
                Think.class,
                ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setHeartbeatTimeout(Duration.ofSeconds(5))
                    .setRetryOptions(
                        RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofMillis(50))
                            .setMaximumAttempts(2)
                            .build())
                    .build())
            .think(structured);
      }
    }
  }

  private SimulatedModelFixture fixture;
  private final AtomicInteger attempts = new AtomicInteger();

  @BeforeEach
  void setUp() {
    fixture = SimulatedModelFixture.start();
    fixture
        .worker()
        .registerActivitiesImplementations(
            (Think)
                structured -> {
                  Prompt question =
                      new Prompt("answer", "Answer briefly.", "Why is the sea salty?");
                  try (StepWriter writer =
                      structured
                          ? fixture.writers().openStep("answer")
                          : fixture.writers().openTextStep("answer")) {
                    if (structured) {
                      fixture.model().structured(question, QUESTIONS, writer::stopRequested);
                    } else {
                      writer.writeModelText(fixture.model(), question);
                    }
                    if (attempts.incrementAndGet() == 1) {
                      // Long enough for a heartbeat to carry the checkpoint, then the crash.
                      sleep(400);
                      throw writer.failed(
                          ApplicationFailure.newFailure("connection reset", "Crash"));
                    }
                    return writer.text();
                  }
                });
    fixture.worker().registerWorkflowImplementationTypes(OneStep.Impl.class);
    fixture.startWorker();
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String reassembled(List<RunEvent> events, Predicate<RunEvent> which) {
    StringBuilder reasoning = new StringBuilder();
    for (RunEvent e : events) {
      if (which.test(e) && e.payload() instanceof StepReasoning r) {
        assertThat(r.offset()).as("offset of %s", r).isEqualTo(reasoning.length());
        reasoning.append(r.text());
      }
    }
    return reasoning.toString();
  }

  @ParameterizedTest(name = "reasoning {0}")
  @EnumSource(
      value = SimulatedReasoning.class,
      names = {"IN_CONTENT", "IN_REASONING_FIELD"})
  void theRetryRewindsToTheCheckpointedReasoningAndReasonsOnAfterABlankLine(
      SimulatedReasoning where) {
    for (boolean structured : List.of(false, true)) {
      attempts.set(0);
      fixture.simulator().reason(where);
      String runId = "reasoning-" + where + "-" + structured;
      List<RunEvent> events = fixture.record(runId);

      String text =
          fixture
              .client()
              .newWorkflowStub(
                  OneStep.class,
                  WorkflowOptions.newBuilder()
                      .setTaskQueue(SimulatedModelFixture.TASK_QUEUE)
                      .setWorkflowId(runId)
                      .build())
              .run(structured);

      String first = reassembled(events, e -> e.attempt() == 1);
      assertThat(first)
          .as("attempt 1's reasoning")
          .startsWith("The task is ")
          .doesNotContain("<think>", "</think>");
      StepRewind rewind =
          events.stream()
              .map(RunEvent::payload)
              .filter(StepRewind.class::isInstance)
              .map(StepRewind.class::cast)
              .findFirst()
              .orElseThrow();
      assertThat(rewind.reasoning()).as("the checkpoint's reasoning").isEqualTo(first);
      StringBuilder all = new StringBuilder(first);
      for (RunEvent e : events) {
        if (e.attempt() == 2 && e.payload() instanceof StepReasoning r) {
          assertThat(r.offset()).isEqualTo(all.length());
          all.append(r.text());
        }
      }
      assertThat(all.toString())
          .as("attempt 2 reasons on after a blank line")
          .startsWith(first + "\n\nThe task is ");
      if (!structured) {
        String streamed =
            events.stream()
                .map(RunEvent::payload)
                .filter(StepToken.class::isInstance)
                .map(p -> ((StepToken) p).text())
                .reduce("", String::concat);
        assertThat(text).isNotBlank().doesNotContain("The task is");
        assertThat(streamed).doesNotContain("The task is");
      }
    }
  }

  @Test
  void aModelThatDoesNotReasonStreamsNoReasoning() {
    String runId = "no-reasoning";
    List<RunEvent> events = fixture.record(runId);

    fixture
        .client()
        .newWorkflowStub(
            OneStep.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(SimulatedModelFixture.TASK_QUEUE)
                .setWorkflowId(runId)
                .build())
        .run(false);

    assertThat(events).noneMatch(e -> e.payload() instanceof StepReasoning);
    assertThat(events)
        .filteredOn(e -> e.payload() instanceof StepRewind)
        .singleElement()
        .satisfies(e -> assertThat(((StepRewind) e.payload()).reasoning()).isEmpty());
  }
}
