package io.agentstream.api.web;

import io.agentstream.api.config.AgentstreamProperties;
import io.agentstream.api.config.ServesApi;
import io.agentstream.api.run.InvalidRunRequestException;
import io.agentstream.api.run.RunService;
import io.agentstream.api.run.RunSummary;
import io.agentstream.api.run.SnapshotBuilder;
import io.agentstream.protocol.EventCodec;
import io.agentstream.run.AnswerReceipt;
import java.net.URI;
import java.util.List;
import java.util.Map;
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

  @PostMapping
  ResponseEntity<RunCreated> submit(
      @RequestBody(required = false) byte[] body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
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
  String snapshot(@PathVariable String runId) {
    return EventCodec.json().writeValue(snapshots.build(runId));
  }

  @GetMapping
  List<RunSummary> recent(@RequestParam(defaultValue = "20") int limit) {
    if (limit < 1 || limit > 200) {
      throw new InvalidRunRequestException("limit must be between 1 and 200");
    }
    return runs.recent(limit);
  }

  @PostMapping("/{runId}/answers")
  AnswerReceipt answer(
      @PathVariable String runId, @RequestBody(required = false) AnswersRequest request) {
    if (request == null || request.answers() == null || request.answers().isEmpty()) {
      throw new InvalidRunRequestException(
          "'answers' is required: {\"answers\": {\"<questionId>\": \"<answer>\"}}");
    }
    return runs.answer(runId, request.answers());
  }

  @PostMapping("/{runId}/cancel")
  ResponseEntity<Map<String, String>> cancel(@PathVariable String runId) {
    runs.cancel(runId);
    return ResponseEntity.accepted().body(Map.of("runId", runId, "requested", "cancel"));
  }

  @PostMapping("/{runId}/finish-now")
  ResponseEntity<Map<String, String>> finishNow(@PathVariable String runId) {
    runs.finishNow(runId);
    return ResponseEntity.accepted().body(Map.of("runId", runId, "requested", "finish-now"));
  }
}
