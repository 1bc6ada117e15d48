package io.agentstream.spring.web;

import io.agentstream.protocol.EventCodec;
import io.agentstream.protocol.RunSnapshot;
import io.agentstream.run.AnswerReceipt;
import io.agentstream.spring.config.AgentstreamProperties;
import io.agentstream.spring.config.ServesApi;
import io.agentstream.spring.quota.Quotas;
import io.agentstream.spring.run.InvalidRunRequestException;
import io.agentstream.spring.run.RunService;
import io.agentstream.spring.run.RunSummary;
import io.agentstream.spring.run.SnapshotBuilder;
import io.agentstream.spring.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Runs: submit, snapshot, answer, cancel, finish now, list. Streaming is {@link
 * RunEventsController}.
 *
 * <p>Bodies are JSON ({@code Content-Type: application/json}, else 415), read up to their limit and
 * no further ({@link BoundedBody}), parsed into a tree and checked field by field by the request
 * records before anything reaches Temporal.
 */
@ServesApi
@RestController
@RequestMapping("/api/runs")
@Tag(name = "Runs")
class RunController {

  /** An idempotency key is an opaque token such as a UUID: 1 to 200 printable ASCII characters. */
  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");

  private final RunService runs;
  private final SnapshotBuilder snapshots;
  private final AgentstreamProperties.Api limits;
  private final Quotas quotas;

  RunController(
      RunService runs, SnapshotBuilder snapshots, AgentstreamProperties props, Quotas quotas) {
    this.runs = runs;
    this.quotas = quotas;
    this.snapshots = snapshots;
    this.limits = props.api();
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Submit a run",
      description =
          "Starts a run of the agent and answers at once, before any step has run: stream it from"
              + " its events link. The same Idempotency-Key for the same agent always names the"
              + " same run. A rejected request starts nothing.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = SubmitRunRequest.class)))
  @ApiResponse(
      responseCode = "202",
      description = "The run is started (or, for a repeated Idempotency-Key, was started before)",
      headers =
          @Header(
              name = "Location",
              description = "the run's snapshot",
              schema = @Schema(type = "string")))
  @ApiResponse(
      responseCode = "400",
      description = "Unknown agent, missing or malformed input, bad Idempotency-Key",
      content =
          @Content(
              mediaType = OpenApiConfiguration.PROBLEM_JSON,
              schema = @Schema(ref = OpenApiConfiguration.PROBLEM)))
  @ApiResponse(
      responseCode = "413",
      description = "The body is larger than agentstream.api.max-input-bytes (16 KB by default)",
      content =
          @Content(
              mediaType = OpenApiConfiguration.PROBLEM_JSON,
              schema = @Schema(ref = OpenApiConfiguration.PROBLEM)))
  @ApiResponse(
      responseCode = "503",
      description = OpenApiConfiguration.ENGINE_UNAVAILABLE,
      content =
          @Content(
              mediaType = OpenApiConfiguration.PROBLEM_JSON,
              schema = @Schema(ref = OpenApiConfiguration.PROBLEM)))
  ResponseEntity<RunCreated> submit(
      @Parameter(hidden = true) HttpServletRequest http,
      @Parameter(description = "makes retries safe: 1 to 200 printable ASCII characters")
          @RequestHeader(name = "Idempotency-Key", required = false)
          String idempotencyKey) {
    if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
      throw new InvalidRunRequestException(
          "Idempotency-Key must be 1 to 200 printable ASCII characters (such as a UUID)");
    }
    byte[] body = BoundedBody.read(http, limits.maxInputBytes(), "the submission");
    SubmitRunRequest request =
        SubmitRunRequest.of(RequestJson.parse(body, SubmitRunRequest.EXAMPLE));
    Caller caller = Caller.current();
    quotas.admitRun(caller);
    RunService.StartedRun run =
        runs.start(
            caller.name(), request.agent(), request.input(), request.tokenBudget(), idempotencyKey);
    quotas.runStarted(caller, run.runId());
    String self = "/api/runs/" + run.runId();
    return ResponseEntity.accepted()
        .location(URI.create(self))
        .body(
            new RunCreated(
                run.runId(), run.status(), new RunCreated.Links(self, self + "/events")));
  }

  /** The same JSON as a {@code snapshot} event's, written by the one event codec. */
  @GetMapping(path = "/{runId}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Get a run's snapshot",
      description =
          "The run's durable state: the workflow's step-level state plus the latest checkpoint of"
              + " each running step. It covers every event up to lastEventId; the same body as a"
              + " snapshot event's.")
  @ApiResponse(
      responseCode = "200",
      description = "The snapshot",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = RunSnapshot.class)))
  @ApiResponse(
      responseCode = "404",
      description = OpenApiConfiguration.RUN_NOT_FOUND,
      content =
          @Content(
              mediaType = OpenApiConfiguration.PROBLEM_JSON,
              schema = @Schema(ref = OpenApiConfiguration.PROBLEM)))
  @ApiResponse(
      responseCode = "503",
      description = OpenApiConfiguration.ENGINE_UNAVAILABLE,
      content =
          @Content(
              mediaType = OpenApiConfiguration.PROBLEM_JSON,
              schema = @Schema(ref = OpenApiConfiguration.PROBLEM)))
  String snapshot(@Parameter(description = "the run's id") @PathVariable String runId) {
    return EventCodec.json().writeValue(snapshots.build(ClientValues.runId(runId)));
  }

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "List recent runs",
      description = "The most recently started runs first, open and closed.")
  @ApiResponse(
      responseCode = "200",
      description = "The runs",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              array = @ArraySchema(schema = @Schema(implementation = RunSummary.class))))
  @ApiResponse(
      responseCode = "400",
      description = "limit is not between 1 and 200",
      content =
          @Content(
              mediaType = OpenApiConfiguration.PROBLEM_JSON,
              schema = @Schema(ref = OpenApiConfiguration.PROBLEM)))
  @ApiResponse(
      responseCode = "503",
      description = OpenApiConfiguration.ENGINE_UNAVAILABLE,
      content =
          @Content(
              mediaType = OpenApiConfiguration.PROBLEM_JSON,
              schema = @Schema(ref = OpenApiConfiguration.PROBLEM)))
  List<RunSummary> recent(
      @Parameter(description = "how many runs, 1 to 200") @RequestParam(defaultValue = "20")
          int limit) {
    if (limit < 1 || limit > 200) {
      throw new InvalidRunRequestException("limit must be between 1 and 200");
    }
    return runs.recent(limit, Caller.current());
  }

  @PostMapping(path = "/{runId}/answers", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Answer the run's questions",
      description =
          "Answers the questions the run is waiting for (see its questions event or snapshot);"
              + " questions left out take their default answers.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = AnswersRequest.class)))
  @ApiResponse(responseCode = "200", description = "The answers in effect, defaults included")
  @ApiResponse(
      responseCode = "400",
      description = "No answers, an unknown question id or an empty answer",
      content =
          @Content(
              mediaType = OpenApiConfiguration.PROBLEM_JSON,
              schema = @Schema(ref = OpenApiConfiguration.PROBLEM)))
  @ApiResponse(
      responseCode = "404",
      description = OpenApiConfiguration.RUN_NOT_FOUND,
      content =
          @Content(
              mediaType = OpenApiConfiguration.PROBLEM_JSON,
              schema = @Schema(ref = OpenApiConfiguration.PROBLEM)))
  @ApiResponse(
      responseCode = "409",
      description = "No questions are pending, or they were already answered",
      content =
          @Content(
              mediaType = OpenApiConfiguration.PROBLEM_JSON,
              schema = @Schema(ref = OpenApiConfiguration.PROBLEM)))
  @ApiResponse(
      responseCode = "503",
      description = OpenApiConfiguration.ENGINE_UNAVAILABLE,
      content =
          @Content(
              mediaType = OpenApiConfiguration.PROBLEM_JSON,
              schema = @Schema(ref = OpenApiConfiguration.PROBLEM)))
  AnswerReceipt answer(
      @Parameter(description = "the run's id") @PathVariable String runId,
      @Parameter(hidden = true) HttpServletRequest http) {
    ClientValues.runId(runId);
    byte[] body = BoundedBody.read(http, limits.maxAnswersBytes(), "the answers");
    AnswersRequest request =
        AnswersRequest.of(RequestJson.parse(body, AnswersRequest.EXAMPLE), limits);
    return runs.answer(runId, request.answers());
  }

  @PostMapping("/{runId}/cancel")
  @Operation(
      summary = "Cancel the run",
      description =
          "Asks the run to stop: running steps stop within about a second and the run ends"
              + " cancelled (run.cancelled on its stream).")
  @ApiResponse(responseCode = "202", description = "Cancellation is requested")
  @ApiResponse(
      responseCode = "404",
      description = OpenApiConfiguration.RUN_NOT_FOUND,
      content =
          @Content(
              mediaType = OpenApiConfiguration.PROBLEM_JSON,
              schema = @Schema(ref = OpenApiConfiguration.PROBLEM)))
  @ApiResponse(
      responseCode = "409",
      description = "The run has already finished",
      content =
          @Content(
              mediaType = OpenApiConfiguration.PROBLEM_JSON,
              schema = @Schema(ref = OpenApiConfiguration.PROBLEM)))
  @ApiResponse(
      responseCode = "503",
      description = OpenApiConfiguration.ENGINE_UNAVAILABLE,
      content =
          @Content(
              mediaType = OpenApiConfiguration.PROBLEM_JSON,
              schema = @Schema(ref = OpenApiConfiguration.PROBLEM)))
  ResponseEntity<StopRequested> cancel(
      @Parameter(description = "the run's id") @PathVariable String runId) {
    runs.cancel(ClientValues.runId(runId));
    return ResponseEntity.accepted().body(new StopRequested(runId, "cancel"));
  }

  @PostMapping("/{runId}/finish-now")
  @Operation(
      summary = "Finish the run now",
      description =
          "The escape hatch: running steps stop within about a second and keep what clients have"
              + " seen, and the run goes straight to its final step; its result lists cutShortSteps"
              + " and skippedSteps.")
  @ApiResponse(responseCode = "202", description = "Finish-now is requested")
  @ApiResponse(
      responseCode = "404",
      description = OpenApiConfiguration.RUN_NOT_FOUND,
      content =
          @Content(
              mediaType = OpenApiConfiguration.PROBLEM_JSON,
              schema = @Schema(ref = OpenApiConfiguration.PROBLEM)))
  @ApiResponse(
      responseCode = "409",
      description = "The run has already finished",
      content =
          @Content(
              mediaType = OpenApiConfiguration.PROBLEM_JSON,
              schema = @Schema(ref = OpenApiConfiguration.PROBLEM)))
  @ApiResponse(
      responseCode = "503",
      description = OpenApiConfiguration.ENGINE_UNAVAILABLE,
      content =
          @Content(
              mediaType = OpenApiConfiguration.PROBLEM_JSON,
              schema = @Schema(ref = OpenApiConfiguration.PROBLEM)))
  ResponseEntity<StopRequested> finishNow(
      @Parameter(description = "the run's id") @PathVariable String runId) {
    runs.finishNow(ClientValues.runId(runId));
    return ResponseEntity.accepted().body(new StopRequested(runId, "finish-now"));
  }
}
