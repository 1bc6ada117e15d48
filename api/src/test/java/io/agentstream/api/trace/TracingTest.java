package io.agentstream.api.trace;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.agentstream.api.client.ApiClient;
import io.agentstream.api.client.SseClient;
import io.agentstream.step.LogContext;
import io.agentstream.step.StepWriter;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ActiveProfiles;

/**
 * One trace per run, from the HTTP request that starts it to each model call: the server span of
 * {@code POST /api/runs}, Temporal's client span that starts the workflow, the workflow's span, its
 * activities' spans and the model call's span share one trace id. The spans are collected by an
 * in-memory exporter registered the way an application registers any exporter (a {@code
 * SpanExporter} bean). Log lines written inside a step carry the trace id next to the run id.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TracingTest {

  @TestConfiguration(proxyBeanMethods = false)
  static class Exporter {
    @Bean
    InMemorySpanExporter inMemorySpanExporter() {
      return InMemorySpanExporter.create();
    }
  }

  @LocalServerPort int port;
  @Autowired InMemorySpanExporter exported;
  @Autowired SdkTracerProvider tracerProvider;
  @Autowired WorkflowClient workflows;
  final ListAppender<ILoggingEvent> stepLog = new ListAppender<>();

  @BeforeEach
  void captureStepLog() {
    Logger logger = (Logger) LoggerFactory.getLogger(StepWriter.class);
    logger.setLevel(Level.DEBUG);
    stepLog.start();
    logger.addAppender(stepLog);
  }

  @AfterEach
  void releaseStepLog() {
    Logger logger = (Logger) LoggerFactory.getLogger(StepWriter.class);
    logger.detachAppender(stepLog);
    logger.setLevel(null);
  }

  @Test
  void oneTraceRunsFromThePostThroughTheWorkflowAndItsStepsToTheModelCall() throws Exception {
    ApiClient api = new ApiClient("http://127.0.0.1:" + port);
    String runId =
        (String)
            api.post(
                    "/api/runs",
                    "{\"agent\":\"question-answer\",\"input\":{\"question\":\"Why is the sea"
                        + " salty?\"}}")
                .body()
                .get("runId");
    new SseClient()
        .read(
            api.uri("/api/runs/" + runId + "/events"), null, e -> e.name().equals("run.completed"));
    // The workflow's span ends when its method returns, just after the terminal event is out.
    workflows.newUntypedWorkflowStub(runId).getResult(Object.class);
    assertThat(tracerProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

    List<SpanData> spans = exported.getFinishedSpanItems();
    SpanData post =
        spans.stream()
            .filter(
                s -> s.getKind() == SpanKind.SERVER && s.getName().equals("http post /api/runs"))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("no server span of POST /api/runs in " + names(spans)));
    List<SpanData> trace =
        spans.stream().filter(s -> s.getTraceId().equals(post.getTraceId())).toList();
    assertThat(names(trace))
        .contains(
            "StartWorkflow:QuestionAnswer",
            "RunWorkflow:QuestionAnswer",
            "chat agentstream-simulator")
        .anySatisfy(name -> assertThat(name).startsWith("RunActivity:"));
    SpanData model = named(trace, "chat agentstream-simulator");
    assertThat(model.getParentSpanId())
        .as("the model call is a child of its step's activity span")
        .isEqualTo(named(trace, "RunActivity:AnswerQuestion").getSpanId());
    assertThat(model.getAttributes().asMap())
        .anySatisfy(
            (key, value) -> assertThat(key.getKey()).isEqualTo("gen_ai.usage.output_tokens"));

    List<ILoggingEvent> runLines =
        stepLog.list.stream()
            .filter(e -> runId.equals(e.getMDCPropertyMap().get(LogContext.RUN_ID)))
            .toList();
    assertThat(runLines).isNotEmpty();
    assertThat(runLines)
        .allSatisfy(
            e -> assertThat(e.getMDCPropertyMap()).containsEntry("traceId", post.getTraceId()));
  }

  private static SpanData named(List<SpanData> spans, String name) {
    return spans.stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name + " in " + names(spans)));
  }

  private static List<String> names(List<SpanData> spans) {
    return spans.stream().map(SpanData::getName).toList();
  }
}
