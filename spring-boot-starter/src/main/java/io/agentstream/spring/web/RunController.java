package io.agentstream.spring.web;

import io.agentstream.protocol.EventCodec;
import io.agentstream.run.AnswerReceipt;
import io.agentstream.spring.config.AgentstreamProperties;
import io.agentstream.spring.quota.Quotas;
import io.agentstream.spring.run.InvalidRunRequestException;
import io.agentstream.spring.run.RunService;
import io.agentstream.spring.run.RunSummary;
import io.agentstream.spring.run.SnapshotBuilder;
import io.agentstream.spring.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
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
@RestController
@RequestMapping("/api/runs")
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
  ResponseEntity<RunCreated> submit(
      HttpServletRequest http,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
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
        runs.start(caller.name(), request.agent(), request.input(), idempotencyKey);
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
    return EventCodec.json().writeValue(snapshots.build(ClientValues.runId(runId)));
  }

  @GetMapping
  List<RunSummary> recent(@RequestParam(defaultValue = "20") int limit) {
    if (limit < 1 || limit > 200) {
      throw new InvalidRunRequestException("limit must be between 1 and 200");
    }
    return runs.recent(limit, Caller.current());
  }

  @PostMapping(path = "/{runId}/answers", consumes = MediaType.APPLICATION_JSON_VALUE)
  AnswerReceipt answer(@PathVariable String runId, HttpServletRequest http) {
    ClientValues.runId(runId);
    byte[] body = BoundedBody.read(http, limits.maxAnswersBytes(), "the answers");
    AnswersRequest request =
        AnswersRequest.of(RequestJson.parse(body, AnswersRequest.EXAMPLE), limits);
    return runs.answer(runId, request.answers());
  }

  @PostMapping("/{runId}/cancel")
  ResponseEntity<Map<String, String>> cancel(@PathVariable String runId) {
    runs.cancel(ClientValues.runId(runId));
    return ResponseEntity.accepted().body(Map.of("runId", runId, "requested", "cancel"));
  }

  @PostMapping("/{runId}/finish-now")
  ResponseEntity<Map<String, String>> finishNow(@PathVariable String runId) {
    runs.finishNow(ClientValues.runId(runId));
    return ResponseEntity.accepted().body(Map.of("runId", runId, "requested", "finish-now"));
  }
}
