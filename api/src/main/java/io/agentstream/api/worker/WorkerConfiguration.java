package io.agentstream.api.worker;

import io.agentstream.api.agent.AgentCatalog;
import io.agentstream.api.config.AgentstreamProperties;
import io.agentstream.stream.RunEventsActivityImpl;
import io.agentstream.stream.StreamChannel;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The worker: every registered agent's workflow and activities plus the local activity that
 * publishes workflow transitions. Off in the {@code api} role.
 *
 * <p>The factory is built from the Temporal starter's {@link WorkflowClient}, whose service stubs
 * carry the starter's metrics scope (Micrometer's registry when there is one), so the workers
 * report Temporal's SDK meters ({@code temporal_*}: task slots, schedule-to-start latency, sticky
 * cache, poll and task failures) next to agentstream's. Its interceptors add the run to activity
 * log lines ({@link ActivityLogContext}) and count and time runs ({@link RunMeters}).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(RunsWorkerCondition.class)
class WorkerConfiguration {

  private static final Logger log = LoggerFactory.getLogger(WorkerConfiguration.class);

  @Bean(destroyMethod = "shutdown")
  WorkerFactory agentWorkerFactory(
      WorkflowClient client,
      AgentCatalog agents,
      StreamChannel channel,
      AgentstreamProperties props,
      MeterRegistry meters) {
    WorkerFactory factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(new ActivityLogContext(), new RunMeters(meters, agents))
                .build());
    // The embedded engine lives and dies with this worker, so its sticky queue can never outlive
    // it.
    boolean remoteTestServer =
        !props.engine().embedded()
            && TestServerDetector.isTestServer(client.getWorkflowServiceStubs());
    Worker worker = factory.newWorker(props.taskQueue(), workerOptions(props, remoteTestServer));
    agents.all().forEach(agent -> agent.registration().accept(worker));
    worker.registerActivitiesImplementations(new RunEventsActivityImpl(channel));
    return factory;
  }

  /**
   * Heartbeats may reach the server as often as checkpoints are taken. Against Temporal's Java test
   * server in another process, sticky queues are turned off: it never times a dead worker's sticky
   * queue out, so a workflow could wait there forever after a crash. With the embedded engine they
   * stay on: without them every workflow task and query replays the whole history, which the
   * benchmark showed costs more CPU than streaming the tokens.
   */
  static WorkerOptions workerOptions(AgentstreamProperties props, boolean remoteTestServer) {
    WorkerOptions.Builder options =
        WorkerOptions.newBuilder()
            .setMaxHeartbeatThrottleInterval(props.steps().checkpointInterval())
            .setDefaultHeartbeatThrottleInterval(props.steps().checkpointInterval());
    if (remoteTestServer) {
      log.info(
          "Temporal's Java test server in another process detected: sticky workflow queues off");
      options.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
    }
    if (Runtime.version().feature() >= 21) {
      options.setUsingVirtualThreads(true);
    }
    return options.build();
  }

  @Bean
  WorkerStarter agentWorkerStarter(WorkerFactory agentWorkerFactory) {
    return new WorkerStarter(agentWorkerFactory);
  }

  /** Starts polling once the application is ready, so HTTP and the worker come up together. */
  static final class WorkerStarter {
    private final WorkerFactory factory;

    WorkerStarter(WorkerFactory factory) {
      this.factory = factory;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
      factory.start();
      log.info("Worker polling task queue(s) of {}", factory);
    }
  }
}
