package io.agentstream.research;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.protocol.RunStatus;
import io.agentstream.protocol.StepStatus;
import io.agentstream.run.Answers;
import io.agentstream.run.RecordingRunEvents;
import io.agentstream.run.RunState;
import io.agentstream.run.RunTestWorkflows;
import io.agentstream.run.StepPolicy;
import io.agentstream.run.StepState;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The deep-research workflow on Temporal's test server, with fake steps. */
class DeepResearchWorkflowTest {

  static final StepPolicy FAST_STEPS =
      new StepPolicy(
          Duration.ofMinutes(1),
          Duration.ofSeconds(2),
          Duration.ofMillis(100),
          Duration.ofSeconds(1),
          3);

  static final DeepResearchSettings SETTINGS = new DeepResearchSettings(Duration.ofHours(1), 3, 4);

  static final String QUESTION = "How does agentstream survive a worker crash?";

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      RunTestWorkflows.newExtensionBuilder().setDoNotStart(true).build();

  private final RecordingRunEvents events = new RecordingRunEvents();

  private DeepResearchWorkflow start(
      TestWorkflowEnvironment env,
      Worker worker,
      WorkflowClient client,
      FakeDeepResearchActivities activities) {
    worker.registerWorkflowImplementationFactory(
        DeepResearchWorkflow.class, () -> new DeepResearchWorkflowImpl(FAST_STEPS, SETTINGS));
    worker.registerActivitiesImplementations(activities, events);
    env.start();
    DeepResearchWorkflow workflow =
        client.newWorkflowStub(
            DeepResearchWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId("research-" + System.nanoTime())
                .build());
    WorkflowClient.start(workflow::research, new DeepResearchRequest(QUESTION));
    return workflow;
  }

  private static RunState awaitState(DeepResearchWorkflow workflow, Predicate<RunState> condition)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    RunState state = workflow.state();
    while (!condition.test(state)) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("state never matched; last: " + state);
      }
      Thread.sleep(20);
      state = workflow.state();
    }
    return state;
  }

  private static StepState step(RunState state, String id) {
    return state.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void researchesEverySubQuestionInParallelAndReportsFromTheNumberedSources(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    FakeDeepResearchActivities activities = new FakeDeepResearchActivities(3, false);
    DeepResearchWorkflow workflow = start(env, worker, client, activities);
    RunState waiting = awaitState(workflow, s -> s.status() == RunStatus.WAITING_FOR_INPUT);
    assertThat(waiting.steps())
        .extracting(StepState::id)
        .containsExactly(
            "index",
            "clarify",
            "plan",
            "research-1",
            "research-2",
            "research-3",
            "report",
            "summarize");

    workflow.answer(new Answers(Map.of("audience", "Operators")));

    DeepResearchResult result =
        WorkflowStub.fromTyped(workflow).getResult(DeepResearchResult.class);
    assertThat(result.answers()).containsEntry("audience", "Operators");
    assertThat(result.subQuestions()).hasSize(3);
    assertThat(activities.researched())
        .extracting(SubQuestionInput::subQuestion)
        .containsExactlyInAnyOrderElementsOf(result.subQuestions());
    assertThat(activities.researched())
        .allSatisfy(i -> assertThat(i.sourcesPerSearch()).isEqualTo(4));
    // One shared source and one per step, each numbered once, in step order.
    assertThat(result.sources())
        .extracting(CitedSource::n, CitedSource::documentId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "glossary"),
            org.assertj.core.groups.Tuple.tuple(2, "doc-research-1"),
            org.assertj.core.groups.Tuple.tuple(3, "doc-research-2"),
            org.assertj.core.groups.Tuple.tuple(4, "doc-research-3"));
    assertThat(activities.reports())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.sources()).isEqualTo(result.sources());
              assertThat(r.notes()).hasSize(3);
            });
    assertThat(result.report()).isEqualTo("Fact [1]. Fact [2]. Fact [3]. Fact [4].");
    assertThat(result.summary()).isEqualTo("Summary: " + result.report());
    assertThat(result.cutShortSteps()).isEmpty();
    assertThat(result.skippedSteps()).isEmpty();
    // The three research steps were running at the same time: all started before any completed.
    int lastStart =
        Math.max(
            events.types().indexOf("step.started:research-1"),
            Math.max(
                events.types().indexOf("step.started:research-2"),
                events.types().indexOf("step.started:research-3")));
    int firstDone =
        events.types().stream()
            .filter(t -> t.startsWith("step.completed:research-"))
            .mapToInt(events.types()::indexOf)
            .min()
            .orElseThrow();
    assertThat(lastStart).isLessThan(firstDone);
    assertThat(events.types()).endsWith("step.completed:summarize", "run.completed");
  }

  @Test
  void slotsAShorterPlanLeavesUnusedAreSkipped(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    FakeDeepResearchActivities activities = new FakeDeepResearchActivities(2, false);
    DeepResearchWorkflow workflow = start(env, worker, client, activities);
    awaitState(workflow, s -> s.status() == RunStatus.WAITING_FOR_INPUT);
    workflow.answer(new Answers(Map.of("audience", "Operators")));

    DeepResearchResult result =
        WorkflowStub.fromTyped(workflow).getResult(DeepResearchResult.class);

    assertThat(result.subQuestions()).hasSize(2);
    assertThat(result.skippedSteps()).containsExactly("research-3");
    assertThat(activities.researched()).hasSize(2);
    assertThat(step(workflow.state(), "research-3").status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(events.types())
        .contains("step.completed:research-3")
        .doesNotContain("step.started:research-3");
  }

  @Test
  void finishNowDuringResearchWritesTheReportFromTheSourcesFoundSoFar(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    FakeDeepResearchActivities activities = new FakeDeepResearchActivities(3, true);
    DeepResearchWorkflow workflow = start(env, worker, client, activities);
    awaitState(workflow, s -> s.status() == RunStatus.WAITING_FOR_INPUT);
    workflow.answer(new Answers(Map.of("audience", "Operators")));
    awaitState(
        workflow,
        s ->
            s.steps().stream()
                .filter(st -> st.id().startsWith("research-"))
                .allMatch(st -> st.status() == StepStatus.RUNNING));

    workflow.finishNow();

    DeepResearchResult result =
        WorkflowStub.fromTyped(workflow).getResult(DeepResearchResult.class);
    assertThat(result.cutShortSteps()).containsExactly("research-1", "research-2", "research-3");
    assertThat(result.skippedSteps()).isEmpty();
    assertThat(result.sources()).hasSize(4);
    assertThat(activities.reports())
        .singleElement()
        .satisfies(r -> assertThat(r.sources()).isEqualTo(result.sources()));
    RunState done = workflow.state();
    assertThat(step(done, "report").status()).isEqualTo(StepStatus.COMPLETED);
    assertThat(step(done, "summarize").status()).isEqualTo(StepStatus.COMPLETED);
    assertThat(result.report()).contains("[4]");
  }
}
