package io.agentstream.api.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.api.AgentstreamApplication;
import io.agentstream.client.AgentstreamClient;
import io.agentstream.client.RunFollower;
import io.agentstream.client.SubmittedRun;
import io.agentstream.protocol.StepView;
import io.agentstream.run.StepCheckpoint;
import io.agentstream.step.StepWriter;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stopping the one-process app mid-step: the worker drains before anything else stops, so the
 * running step's attempt ends at a checkpoint of exactly what its client saw, and the embedded
 * engine is still up to record it (it is closed last). A probe bean looks at the engine while the
 * context is being destroyed, after the worker stopped.
 */
class GracefulShutdownTest {

  /** What the engine says about the step, read while the context is destroyed. */
  static final AtomicReference<PendingActivityInfo> pendingAtShutdown = new AtomicReference<>();

  static final AtomicReference<String> runId = new AtomicReference<>();

  /** Destroyed after the worker drained (lifecycles stop first) and before the engine. */
  static final class EngineProbe implements DisposableBean {
    private final WorkflowClient client;

    EngineProbe(WorkflowClient client) {
      this.client = client;
    }

    @Override
    public void destroy() {
      pendingAtShutdown.set(
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(runId.get()))
                      .build())
              .getPendingActivities(0));
    }
  }

  @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
  static class ProbeConfiguration {
    @org.springframework.context.annotation.Bean
    EngineProbe engineProbe(WorkflowClient client) {
      return new EngineProbe(client);
    }
  }

  @Test
  void stoppingTheAppEndsTheRunningStepAtACheckpointOfWhatItsClientSawBeforeTheEngineStops()
      throws Exception {
    ConfigurableApplicationContext app =
        new SpringApplicationBuilder(AgentstreamApplication.class, ProbeConfiguration.class)
            .run(
                "--server.port=0",
                "--agentstream.engine.port=0",
                "--agentstream.simulator.tokens-per-second=20",
                // The web server's graceful shutdown, as deployed: the node ends the open stream
                // itself, so it holds nothing up.
                "--agentstream.steps.checkpoint-interval=200ms");
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    AgentstreamClient client = AgentstreamClient.create(URI.create("http://127.0.0.1:" + port));
    SubmittedRun run =
        client.submit("question-answer", Map.of("question", "Why is the sea salty?"));
    runId.set(run.runId());
    AtomicReference<String> seen = new AtomicReference<>("");
    RunFollower follower =
        client.follow(
            run.runId(),
            (event, outcome, view) -> view.step("answer").map(StepView::text).ifPresent(seen::set));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (seen.get().length() < 40 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(seen.get()).as("text streamed before the stop").hasSizeGreaterThanOrEqualTo(40);

    app.close();
    follower.close();

    PendingActivityInfo pending = pendingAtShutdown.get();
    assertThat(pending).as("the engine answered after the worker stopped").isNotNull();
    assertThat(pending.getLastFailure().getApplicationFailureInfo().getType())
        .isEqualTo(StepWriter.WORKER_DRAINING);
    assertThat(pending.getAttempt()).isEqualTo(2);
    Optional<StepCheckpoint> checkpoint =
        Optional.ofNullable(
            io.temporal.common.converter.DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
                0,
                Optional.of(pending.getHeartbeatDetails()),
                StepCheckpoint.class,
                StepCheckpoint.class));
    // Everything the client saw is in the checkpoint the retry resumes from: nothing is redone.
    assertThat(checkpoint).map(StepCheckpoint::text).contains(seen.get());
  }
}
