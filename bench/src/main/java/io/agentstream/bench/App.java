package io.agentstream.bench;

import io.agentstream.api.AgentstreamApplication;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The agentstream Spring Boot app started in this JVM (role {@code all}: API, worker and the
 * embedded Temporal engine on a free port), pointed at the bench's own simulator over HTTP.
 * Properties are passed as command-line arguments so they win over the app's application.yml.
 */
final class App implements AutoCloseable {

  private final String name;
  private final ConfigurableApplicationContext context;
  private final int port;

  private App(String name, ConfigurableApplicationContext context) {
    this.name = name;
    this.context = context;
    this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  /**
   * @param stream {@code memory} or {@code redis}
   * @param modelBaseUrl the bench simulator's base URL
   * @param redisUrl used when {@code stream} is {@code redis}
   */
  static App start(String stream, String modelBaseUrl, String redisUrl) {
    // The bench is one (anonymous) caller standing in for many: its load is what is measured, so
    // the per-caller quotas must not cut it.
    return start(
        stream,
        modelBaseUrl,
        redisUrl,
        Map.of(
            "agentstream.quotas.max-active-runs-per-caller", "100000",
            "agentstream.quotas.runs-per-minute", "100000",
            "agentstream.quotas.max-streams-per-caller", "100000"));
  }

  /** With {@code extra} properties over the bench's (and the app's default quotas otherwise). */
  static App start(String stream, String modelBaseUrl, String redisUrl, Map<String, String> extra) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("server.port", "0");
    props.put("agentstream.role", "all");
    props.put("agentstream.engine.port", "0");
    props.put("agentstream.stream", stream);
    props.put("spring.data.redis.url", redisUrl);
    props.put("agentstream.model.api-key", "bench");
    props.put("agentstream.model.base-url", modelBaseUrl);
    props.put("agentstream.model.name", "agentstream-simulator");
    props.put("spring.main.banner-mode", "off");
    props.put("logging.level.root", "warn");
    props.put("logging.level.io.agentstream", "warn");
    props.put("logging.level.io.temporal", "error");
    props.putAll(extra);
    List<String> args = new ArrayList<>();
    props.forEach((k, v) -> args.add("--" + k + "=" + v));
    SpringApplication app = new SpringApplication(AgentstreamApplication.class);
    app.setBannerMode(Banner.Mode.OFF);
    app.setRegisterShutdownHook(false);
    return new App("agentstream-" + stream, app.run(args.toArray(String[]::new)));
  }

  String name() {
    return name;
  }

  int port() {
    return port;
  }

  /** A setting of the running app, or {@code otherwise}. */
  String property(String name, String otherwise) {
    return context.getEnvironment().getProperty(name, otherwise);
  }

  WorkflowClient workflowClient() {
    return context.getBean(WorkflowClient.class);
  }

  /**
   * A run's Temporal history size (its workflow id is the run id).
   *
   * @param events all events
   * @param workflowTaskEvents WORKFLOW_TASK_* events among them; on the embedded engine (Temporal's
   *     Java test server) a query that arrives while a workflow task is in flight is answered with
   *     an extra, recorded workflow task, so this part varies with query timing, never with tokens
   * @param types the event types in order
   */
  record History(int events, int workflowTaskEvents, List<String> types) {
    int otherEvents() {
      return events - workflowTaskEvents;
    }
  }

  /**
   * The history once the workflow has closed. Clients see {@code run.completed} a moment before
   * that: the workflow publishes it, then completes.
   */
  History history(String runId) {
    try {
      workflowClient().newUntypedWorkflowStub(runId).getResult(60, TimeUnit.SECONDS, Object.class);
    } catch (TimeoutException e) {
      throw new IllegalStateException("run " + runId + " did not close", e);
    }
    List<String> types =
        workflowClient().fetchHistory(runId).getHistory().getEventsList().stream()
            .map(e -> e.getEventType().name().replace("EVENT_TYPE_", ""))
            .toList();
    int workflowTasks = (int) types.stream().filter(t -> t.startsWith("WORKFLOW_TASK_")).count();
    return new History(types.size(), workflowTasks, types);
  }

  @Override
  public void close() {
    context.close();
  }
}
