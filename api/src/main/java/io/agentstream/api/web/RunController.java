package io.agentstream.api.web;

import io.agentstream.api.config.AgentstreamProperties;
import io.agentstream.api.config.ServesApi;
import io.agentstream.api.run.InvalidRunRequestException;
import io.agentstream.api.run.RunService;
import io.agentstream.api.run.RunSummary;
import io.agentstream.api.run.SnapshotBuilder;
import io.agentstream.protocol.EventCodec;
import io.agentstream.protocol.RunSnapshot;
import io.agentstream.run.AnswerReceipt;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs: submit, snapshot, answer, cancel, finish now, list. Streaming is {@link
 * RunEventsController}.
 */
@ServesApi
@RestController
@RequestMapping("/api/runs")
@Tag(name = "Runs")
class RunController {

  private final RunService runs;
  private final SnapshotBuilder snapshots;
  private final JsonMapper json;
  private final int maxInputBytes;

  RunController(
      RunService runs, SnapshotBuilder snapshots, JsonMapper json, AgentstreamProperties props) {
    this.runs = runs;
    this.snapshots = snapshots;
    this.json = json;
    this.maxInputBytes = props.api().maxInputBytes();
  }

  @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
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
      @RequestBody(required = false) byte[] body,
      @Parameter(description = "makes retries safe: 1 to 200 characters")
          @RequestHeader(name = "Idempotency-Key", required = false)
          String idempotencyKey) {
    if (body == null || body.length == 0) {
      throw new InvalidRunRequestException(
          "request body is required: {\"agent\": ..., \"input\": {...}}");
    }
    if (body.length > maxInputBytes) {
      throw new PayloadTooLargeException(body.length, maxInputBytes);
    }
    SubmitRunRequest request;
    try {
      request = json.readValue(body, SubmitRunRequest.class);
    } catch (JacksonException e) {
      throw new InvalidRunRequestException("malformed JSON: " + e.getOriginalMessage());
    }
    if (request == null || request.agent() == null || request.agent().isBlank()) {
      throw new InvalidRunRequestException("'agent' is required");
    }
    if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
      throw new InvalidRunRequestException("Idempotency-Key must be 1 to 200 characters");
    }
    RunService.StartedRun run = runs.start(request.agent(), request.input(), idempotencyKey);
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
    return EventCodec.json().writeValue(snapshots.build(runId));
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
    return runs.recent(limit);
  }

  @PostMapping(path = "/{runId}/answers", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Answer the run's questions",
      description =
          "Answers the questions the run is waiting for (see its questions event or snapshot);"
              + " questions left out take their default answers.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true)
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
      @RequestBody(required = false) AnswersRequest request) {
    if (request == null || request.answers() == null || request.answers().isEmpty()) {
      throw new InvalidRunRequestException(
          "'answers' is required: {\"answers\": {\"<questionId>\": \"<answer>\"}}");
    }
    return runs.answer(runId, request.answers());
  }

  @PostMapping(path = "/{runId}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
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
    runs.cancel(runId);
    return ResponseEntity.accepted().body(new StopRequested(runId, "cancel"));
  }

  @PostMapping(path = "/{runId}/finish-now", produces = MediaType.APPLICATION_JSON_VALUE)
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
    runs.finishNow(runId);
    return ResponseEntity.accepted().body(new StopRequested(runId, "finish-now"));
  }
}
