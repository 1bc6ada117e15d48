package io.agentstream.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.protocol.TokenUsage;
import io.temporal.activity.ActivityInterface;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each step's activity learns from its task's header what the run's token budget leaves it: the
 * budget less what the steps finished before it used; a run without a budget sends nothing.
 */
class StepTokenAllowanceTest {

  static final TokenUsage PER_STEP = new TokenUsage(100, 20);

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      RunTestWorkflows.newExtensionBuilder()
          .setDoNotStart(true)
          .setWorkerFactoryOptions(
              WorkerFactoryOptions.newBuilder()
                  .setWorkerInterceptors(new StepTokenAllowance())
                  .build())
          .build();

  @WorkflowInterface
  public interface TwoSteps extends AgentWorkflow {
    @WorkflowMethod
    String write();
  }

  @ActivityInterface
  public interface MeteredStep {
    TextResult write(String step);
  }

  /** Writes two steps one after the other. */
  public static class TwoStepsImpl extends TrackedAgentWorkflow implements TwoSteps {
    static final StepPolicy POLICY =
        new StepPolicy(
            Duration.ofMinutes(1),
            Duration.ofSeconds(5),
            Duration.ofMillis(100),
            Duration.ofSeconds(1),
            3);

    public TwoStepsImpl() {
      super(
          "two-steps",
          List.of(StepState.pending("first", "First"), StepState.pending("second", "Second")),
          POLICY);
    }

    @Override
    public String write() {
      return run.run(
          () -> {
            for (String step : List.of("first", "second")) {
              run.step(
                  step,
                  o -> Workflow.newActivityStub(MeteredStep.class, o).write(step),
                  TextResult::toStepResult);
            }
            return "done";
          });
    }
  }

  /** Records what each step was allowed, and uses {@link #PER_STEP}. */
  static final class RecordingStep implements MeteredStep {
    final Map<String, OptionalLong> allowed = new ConcurrentHashMap<>();

    @Override
    public TextResult write(String step) {
      allowed.put(step, StepTokenAllowance.current());
      return new TextResult(step, false, PER_STEP);
    }
  }

  private final RecordingStep steps = new RecordingStep();

  private void run(TestWorkflowEnvironment env, Worker worker, WorkflowClient client, Long budget) {
    worker.registerWorkflowImplementationTypes(TwoStepsImpl.class);
    worker.registerActivitiesImplementations(steps, new RecordingRunEvents());
    env.start();
    WorkflowOptions.Builder options =
        WorkflowOptions.newBuilder()
            .setTaskQueue(worker.getTaskQueue())
            .setWorkflowId("two-steps-" + System.nanoTime());
    if (budget != null) {
      options.setMemo(Map.of(AgentWorkflow.TOKEN_BUDGET_MEMO, budget));
    }
    assertThat(client.newWorkflowStub(TwoSteps.class, options.build()).write()).isEqualTo("done");
  }

  @Test
  void eachStepIsAllowedTheBudgetLessWhatTheStepsBeforeItUsed(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    run(env, worker, client, 1_000L);

    assertThat(steps.allowed)
        .containsEntry("first", OptionalLong.of(1_000))
        .containsEntry("second", OptionalLong.of(1_000 - PER_STEP.totalTokens()));
  }

  @Test
  void aRunWithoutABudgetAllowsItsStepsNoLimit(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    run(env, worker, client, null);

    assertThat(steps.allowed)
        .containsEntry("first", OptionalLong.empty())
        .containsEntry("second", OptionalLong.empty());
  }
}
