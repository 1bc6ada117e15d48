package io.agentstream.spring.worker;

import io.agentstream.metrics.AgentstreamMeters;
import io.agentstream.spring.agent.AgentCatalog;
import io.agentstream.spring.agent.AgentDefinition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Counts runs as they start and times them by agent and outcome as they end ({@link
 * AgentstreamMeters#RUNS_STARTED}, {@link AgentstreamMeters#RUN_DURATION}), around every agent
 * workflow. It runs inside the workflow, so it records only what happens for the first time: a
 * replay (a worker that rebuilds a workflow from its history, a query on a closed run) records
 * nothing, so each run is counted once. A run ends when its workflow method returns (completed,
 * finish-now included), throws {@link CanceledFailure} (cancelled) or another {@link
 * TemporalFailure} (failed); other exceptions fail only the workflow task, which Temporal retries,
 * so they are not an outcome.
 *
 * <p>Every known agent's meters are registered at zero when the worker starts: a series that
 * appears only with its first run has that run in its first sample, and Prometheus's {@code rate()}
 * sees no increase in it, so a dashboard would miss the first run of every agent, outcome and
 * worker (and show no run-duration quantile at all where each had one run).
 */
final class RunMeters extends WorkerInterceptorBase {

  /** Run durations span seconds (a question answered) to a day (a run waiting for answers). */
  private static final Duration[] DURATION_BUCKETS = {
    Duration.ofSeconds(1),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofMinutes(1),
    Duration.ofMinutes(2),
    Duration.ofMinutes(5),
    Duration.ofMinutes(10),
    Duration.ofMinutes(30),
    Duration.ofHours(1),
    Duration.ofHours(6),
    Duration.ofHours(24)
  };

  private static final List<String> OUTCOMES =
      List.of(
          AgentstreamMeters.OUTCOME_COMPLETED,
          AgentstreamMeters.OUTCOME_FAILED,
          AgentstreamMeters.OUTCOME_CANCELLED);

  private final MeterRegistry meters;
  private final Map<String, String> agentsByWorkflowType;

  RunMeters(MeterRegistry meters, AgentCatalog agents) {
    this.meters = meters;
    this.agentsByWorkflowType =
        agents.all().stream()
            .collect(
                Collectors.toMap(
                    AgentDefinition::workflowType, AgentDefinition::name, (a, b) -> a));
    for (String agent : agentsByWorkflowType.values()) {
      started(agent);
      for (String outcome : OUTCOMES) {
        duration(agent, outcome);
      }
    }
  }

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public WorkflowOutput execute(WorkflowInput input) {
        String type = Workflow.getInfo().getWorkflowType();
        String agent = agentsByWorkflowType.getOrDefault(type, type);
        if (!Workflow.isReplaying()) {
          started(agent).increment();
        }
        try {
          WorkflowOutput output = super.execute(input);
          ended(agent, AgentstreamMeters.OUTCOME_COMPLETED);
          return output;
        } catch (CanceledFailure e) {
          ended(agent, AgentstreamMeters.OUTCOME_CANCELLED);
          throw e;
        } catch (TemporalFailure e) {
          ended(agent, AgentstreamMeters.OUTCOME_FAILED);
          throw e;
        }
      }
    };
  }

  private Counter started(String agent) {
    return Counter.builder(AgentstreamMeters.RUNS_STARTED)
        .description("Runs whose workflow started")
        .tag(AgentstreamMeters.TAG_AGENT, agent)
        .register(meters);
  }

  private void ended(String agent, String outcome) {
    if (Workflow.isReplaying()) {
      return;
    }
    long millis = Workflow.currentTimeMillis() - Workflow.getInfo().getRunStartedTimestampMillis();
    duration(agent, outcome).record(Math.max(0, millis), TimeUnit.MILLISECONDS);
  }

  private Timer duration(String agent, String outcome) {
    return Timer.builder(AgentstreamMeters.RUN_DURATION)
        .description("Runs from start to end, by agent and outcome")
        .tag(AgentstreamMeters.TAG_AGENT, agent)
        .tag(AgentstreamMeters.TAG_OUTCOME, outcome)
        .serviceLevelObjectives(DURATION_BUCKETS)
        .register(meters);
  }
}
