package io.agentstream.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.api.client.ApiClient;
import io.agentstream.api.client.PrometheusText;
import io.agentstream.api.client.SseClient;
import io.agentstream.api.client.StreamedRun;
import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.llm.simulator.SimulatorFault;
import io.agentstream.protocol.RunStatus;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * After a run (one step cut mid-stream and resumed from its checkpoint, a client resynced), {@code
 * /actuator/prometheus} shows every agentstream meter, with values for what the run did, and the
 * Temporal SDK's worker meters.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MetricsEndToEndTest {

  /** Every agentstream series, as Prometheus names them (AgentstreamMeters has the meanings). */
  static final List<String> AGENTSTREAM_SERIES =
      List.of(
          "agentstream_tokens_emitted_total",
          "agentstream_tokens_delivered_total",
          "agentstream_steps_retried_total",
          "agentstream_steps_resumed_chars_count",
          "agentstream_steps_resumed_chars_sum",
          "agentstream_steps_resumed_items_count",
          "agentstream_model_time_to_first_token_seconds_count",
          "agentstream_model_time_to_first_token_seconds_bucket",
          "agentstream_model_tokens_total",
          "agentstream_channel_append_seconds_count",
          "agentstream_channel_append_seconds_bucket",
          "agentstream_channel_append_failures_total",
          "agentstream_sse_sessions",
          "agentstream_sse_resyncs_total",
          "agentstream_sse_backlog_overflows_total",
          "agentstream_runs_started_total",
          "agentstream_run_duration_seconds_count",
          "agentstream_run_duration_seconds_bucket");

  @LocalServerPort int port;
  @Autowired OpenAiSimulator simulator;

  @Test
  void prometheusShowsAgentstreamAndTemporalMetersAfterARun() throws Exception {
    ApiClient api = new ApiClient("http://127.0.0.1:" + port);
    simulator.faults().inject("answer", SimulatorFault.cutAfter(12), 1);
    String runId =
        (String)
            api.post(
                    "/api/runs",
                    "{\"agent\":\"question-answer\",\"input\":{\"question\":\"Why is the sea salty?\"}}")
                .body()
                .get("runId");

    StreamedRun view = new StreamedRun();
    AtomicReference<PrometheusText> whileStreaming = new AtomicReference<>();
    SseClient sse = new SseClient();
    sse.read(
        api.uri("/api/runs/" + runId + "/events"),
        null,
        e -> {
          view.apply(e.event());
          if (whileStreaming.get() == null) {
            whileStreaming.set(scrape(api));
          }
          return false;
        });
    assertThat(view.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(whileStreaming.get().sum("agentstream_sse_sessions")).isGreaterThanOrEqualTo(1);
    // A stale id: the client is resynced with a snapshot.
    sse.read(api.uri("/api/runs/" + runId + "/events"), "1", e -> false);

    // Temporal's counters reach the registry on the SDK's 10 s reporting interval.
    PrometheusText metrics = scrape(api);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (metrics.sum("temporal_workflow_completed_total") == 0 && System.nanoTime() < deadline) {
      Thread.sleep(500);
      metrics = scrape(api);
    }

    for (String series : AGENTSTREAM_SERIES) {
      assertThat(metrics.has(series)).as(series + " in %s", metrics.names()).isTrue();
    }
    assertThat(metrics.sum("agentstream_tokens_emitted_total")).isPositive();
    assertThat(metrics.sum("agentstream_tokens_delivered_total")).isPositive();
    assertThat(metrics.sum("agentstream_steps_retried_total")).isPositive();
    assertThat(metrics.sum("agentstream_steps_resumed_chars_count")).isPositive();
    assertThat(metrics.sum("agentstream_steps_resumed_chars_sum")).isPositive();
    assertThat(
            metrics.sum(
                "agentstream_model_time_to_first_token_seconds_count",
                "model",
                "agentstream-simulator"))
        .isPositive();
    assertThat(metrics.sum("agentstream_model_tokens_total", "type", "input")).isPositive();
    assertThat(metrics.sum("agentstream_model_tokens_total", "type", "output")).isPositive();
    assertThat(metrics.sum("agentstream_channel_append_seconds_count", "result", "ok"))
        .isPositive();
    assertThat(metrics.sum("agentstream_sse_resyncs_total", "cause", "resume")).isPositive();
    assertThat(metrics.sum("agentstream_runs_started_total", "agent", "question-answer"))
        .isPositive();
    assertThat(
            metrics.sum(
                "agentstream_run_duration_seconds_count",
                "agent",
                "question-answer",
                "outcome",
                "completed"))
        .isPositive();
    assertThat(metrics.sum("agentstream_run_duration_seconds_sum")).isPositive();

    // Temporal's SDK meters from the worker: slots, schedule-to-start latency, completions.
    assertThat(metrics.sum("temporal_workflow_completed_total")).isPositive();
    assertThat(metrics.sum("temporal_worker_task_slots_available")).isPositive();
    assertThat(metrics.sum("temporal_activity_schedule_to_start_latency_seconds_count"))
        .isPositive();
    assertThat(metrics.sum("temporal_workflow_task_schedule_to_start_latency_seconds_count"))
        .isPositive();
  }

  @Test
  void theScrapeAPrometheusAsksForCarriesNoExemplarsThatOlderPrometheusRejects() throws Exception {
    ApiClient api = new ApiClient("http://127.0.0.1:" + port);
    api.get("/actuator/health"); // a traced request: its timer would carry an exemplar
    HttpResponse<String> scraped =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(api.uri("/actuator/prometheus"))
                    .header(
                        "Accept",
                        "application/openmetrics-text;version=1.0.0;q=0.5,"
                            + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2")
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(scraped.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/openmetrics-text");
    assertThat(scraped.body())
        .contains("http_server_requests_seconds_count")
        .doesNotContain(" # {");
  }

  private static PrometheusText scrape(ApiClient api) {
    try {
      return PrometheusText.parse(api.raw("/actuator/prometheus"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
