package io.agentstream.spring.worker;

import io.agentstream.spring.agent.AgentCatalog;
import io.agentstream.spring.agent.AgentDefinition;
import io.agentstream.spring.config.AgentstreamProperties;
import io.agentstream.stream.RunEventsActivityImpl;
import io.agentstream.stream.StreamChannel;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The worker: every registered agent's workflow and activities plus the local activity that
 * publishes workflow transitions. Off in the {@code api} role.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(RunsWorkerCondition.class)
public class WorkerConfiguration {

  private static final Logger log = LoggerFactory.getLogger(WorkerConfiguration.class);

  @Bean(destroyMethod = "shutdown")
  @ConditionalOnMissingBean(name = "agentWorkerFactory")
  WorkerFactory agentWorkerFactory(
      WorkflowClient client,
      AgentCatalog agents,
      StreamChannel channel,
      AgentstreamProperties props) {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    // The embedded engine lives and dies with this worker, so its sticky queue can never outlive
    // it.
    boolean remoteTestServer =
        !props.engine().embedded()
            && TestServerDetector.isTestServer(client.getWorkflowServiceStubs());
    // One worker per task queue the agents use; each also publishes its workflows' transitions.
    Map<String, Worker> workers = new LinkedHashMap<>();
    for (AgentDefinition agent : agents.all()) {
      Worker worker =
          workers.computeIfAbsent(
              agent.taskQueueOr(props.taskQueue()),
              queue -> {
                Worker w = factory.newWorker(queue, workerOptions(props, remoteTestServer));
                w.registerActivitiesImplementations(new RunEventsActivityImpl(channel));
                return w;
              });
      agent.registration().accept(worker);
    }
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
  WorkerStarter agentWorkerStarter(
      @Qualifier("agentWorkerFactory") WorkerFactory agentWorkerFactory,
      WorkflowClient client,
      AgentstreamProperties props) {
    return new WorkerStarter(agentWorkerFactory, client, props.registerSearchAttributes());
  }

  /** Starts polling once the application is ready, so HTTP and the worker come up together. */
  static final class WorkerStarter {
    private final WorkerFactory factory;
    private final WorkflowClient client;
    private final boolean registerSearchAttributes;

    WorkerStarter(WorkerFactory factory, WorkflowClient client, boolean registerSearchAttributes) {
      this.factory = factory;
      this.client = client;
      this.registerSearchAttributes = registerSearchAttributes;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
      if (registerSearchAttributes) {
        SearchAttributeRegistration.register(client);
      }
      factory.start();
      log.info("Worker polling task queue(s) of {}", factory);
    }
  }
}
