package io.agentstream.spring.worker;

import io.agentstream.run.StepTokenAllowance;
import io.agentstream.spring.agent.AgentCatalog;
import io.agentstream.spring.agent.AgentDefinition;
import io.agentstream.spring.config.AgentstreamProperties;
import io.agentstream.step.StepWriters;
import io.agentstream.stream.RunEventsActivityImpl;
import io.agentstream.stream.StreamChannel;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentracing.Tracer;
import io.temporal.client.WorkflowClient;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.opentracing.OpenTracingOptions;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
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
 * log lines ({@link ActivityLogContext}), count and time runs ({@link RunMeters}) and tell each
 * step what its run's token budget leaves it ({@link StepTokenAllowance}).
 *
 * <p>When the application traces (an OpenTracing {@link Tracer} bean: the Temporal starter makes
 * one from Spring Boot's OpenTelemetry SDK through the OpenTracing shim, and gives the same tracer
 * to its {@code WorkflowClient}), Temporal's {@link OpenTracingWorkerInterceptor} continues the
 * trace a client started in the workflow's headers: {@code RunWorkflow}, {@code StartActivity} and
 * {@code RunActivity} spans, one trace from {@code POST /api/runs} to each model call.
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
      AgentstreamProperties props,
      MeterRegistry meters,
      ObjectProvider<Tracer> tracer) {
    WorkerFactory factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(interceptors(agents, meters, tracer.getIfAvailable()))
                .build());
    // The embedded engine lives and dies with this worker, so its sticky queue can never outlive
    // it.
    boolean remoteTestServer =
        !props.temporalInProcess()
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
   * Temporal wraps each interceptor around the ones before it, so the tracing interceptor goes
   * last: it is the outermost, and its span is current while the others run (their log lines carry
   * its trace id).
   */
  static WorkerInterceptor[] interceptors(
      AgentCatalog agents, MeterRegistry meters, Tracer tracer) {
    List<WorkerInterceptor> interceptors = new ArrayList<>();
    interceptors.add(new ActivityLogContext());
    interceptors.add(new RunMeters(meters, agents));
    interceptors.add(new StepTokenAllowance());
    if (tracer != null) {
      interceptors.add(
          new OpenTracingWorkerInterceptor(
              OpenTracingOptions.newBuilder().setTracer(tracer).build()));
    }
    return interceptors.toArray(WorkerInterceptor[]::new);
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
  AgentWorkerLifecycle agentWorkerLifecycle(
      @Qualifier("agentWorkerFactory") WorkerFactory agentWorkerFactory,
      WorkflowClient client,
      StepWriters writers,
      AgentstreamProperties props) {
    return new AgentWorkerLifecycle(
        agentWorkerFactory,
        client,
        writers,
        props.registerSearchAttributes(),
        props.steps().drainTimeout());
  }

  /** UP once the worker polls; OUT_OF_SERVICE before it starts and once it drains. */
  @Bean
  HealthIndicator agentWorkerHealthIndicator(AgentWorkerLifecycle lifecycle) {
    return () ->
        lifecycle.isRunning()
            ? Health.up().withDetail("worker", "polling").build()
            : Health.outOfService().withDetail("worker", "not polling").build();
  }

  /**
   * Starts polling once the application is ready, so HTTP and the worker come up together, and on
   * shutdown drains before anything else stops: polling is suspended, every running step ends its
   * attempt at a checkpoint of exactly what its clients saw (Temporal retries it at once, on
   * another worker or on this one after the restart, and the retry continues from there), then the
   * worker shuts down. A planned restart or a rolling deploy so regenerates no token.
   */
  static final class AgentWorkerLifecycle implements SmartLifecycle {
    private final WorkerFactory factory;
    private final WorkflowClient client;
    private final StepWriters writers;
    private final boolean registerSearchAttributes;
    private final Duration drainTimeout;
    private volatile boolean running;

    AgentWorkerLifecycle(
        WorkerFactory factory,
        WorkflowClient client,
        StepWriters writers,
        boolean registerSearchAttributes,
        Duration drainTimeout) {
      this.factory = factory;
      this.client = client;
      this.writers = writers;
      this.registerSearchAttributes = registerSearchAttributes;
      this.drainTimeout = drainTimeout;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
      if (registerSearchAttributes) {
        SearchAttributeRegistration.register(client);
      }
      factory.start();
      running = true;
      log.info("Worker polling task queue(s) of {}", factory);
    }

    /** Polling starts on {@link ApplicationReadyEvent}, not with the context. */
    @Override
    public void start() {}

    @Override
    public void stop() {
      if (!running) {
        return;
      }
      running = false;
      factory.suspendPolling();
      int steps = writers.openSteps();
      try {
        int left = writers.drain(drainTimeout);
        log.info(
            "Worker draining: {} running step(s) ended at their checkpoints{}",
            steps - left,
            left == 0 ? "" : "; " + left + " did not end within " + drainTimeout);
        factory.shutdown();
        factory.awaitTermination(drainTimeout.toSeconds() + 5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public boolean isRunning() {
      return running;
    }

    /**
     * Not paused with an idle context (as Spring's test framework pauses cached contexts): a stop
     * drains and shuts the worker down for good, and polling cannot resume after that.
     */
    @Override
    public boolean isPauseable() {
      return false;
    }

    /** Stops first: before the web server and before the engine or clients it needs. */
    @Override
    public int getPhase() {
      return SmartLifecycle.DEFAULT_PHASE;
    }
  }
}
