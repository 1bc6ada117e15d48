package io.agentstream.spring.sse;

import io.agentstream.protocol.ProtocolVersion;
import io.agentstream.protocol.RunSnapshot;
import io.agentstream.spring.config.AgentstreamProperties;
import io.agentstream.spring.config.ServesApi;
import io.agentstream.spring.quota.QuotaExceededException;
import io.agentstream.spring.quota.Quotas;
import io.agentstream.spring.run.InvalidRunRequestException;
import io.agentstream.spring.run.SnapshotBuilder;
import io.agentstream.spring.security.Caller;
import io.agentstream.spring.web.ClientValues;
import io.agentstream.spring.web.OpenApiConfiguration;
import io.agentstream.stream.StreamChannel;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/runs/{runId}/events}: the run as Server-Sent Events. A new subscriber gets a
 * snapshot and then live events (for a running run, when the live channel still holds its start,
 * the snapshot is the run's first event and the rest is replayed from the channel); {@code
 * Last-Event-ID} (or {@code ?lastEventId=}) resumes right after that event, or falls back to a
 * fresh snapshot when that is no longer possible. See docs/protocol.md. {@code HEAD} answers the
 * same status and headers without opening a stream.
 */
@ServesApi
@RestController
@Tag(name = "Events")
class RunEventsController {

  /** How long a new subscriber waits for a running run's first event before asking the workflow. */
  static final Duration RUN_START_PATIENCE = Duration.ofSeconds(3);

  private static final Pattern EVENT_ID = Pattern.compile("[0-9]{1,19}");

  private final SnapshotBuilder snapshots;
  private final StreamChannel channel;
  private final AgentstreamProperties.Sse sse;
  private final SseSessions sessions;
  private final Quotas quotas;
  private final SseMeters meters;

  RunEventsController(
      SnapshotBuilder snapshots,
      StreamChannel channel,
      AgentstreamProperties props,
      Quotas quotas,
      MeterRegistry meters,
      SseSessions sessions) {
    this.quotas = quotas;
    this.snapshots = snapshots;
    this.channel = channel;
    this.sse = props.sse();
    this.meters = new SseMeters(meters);
    this.sessions = sessions;
  }

  @GetMapping(path = "/api/runs/{runId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(
      summary = "Stream a run's events",
      description =
          "Server-Sent Events. Without an id the stream starts with a snapshot (the run's state)"
              + " and continues with every event after it, live, until the run's terminal event;"
              + " then the server closes it. With Last-Event-ID (or ?lastEventId=) it continues"
              + " right after that event, or, when the server can no longer do that, with a fresh"
              + " snapshot. A client too slow to keep up is resynced with a snapshot as well."
              + " Event types, resume and the client's reducer rules: docs/protocol.md.")
  @ApiResponse(
      responseCode = "200",
      description = "The event stream (text/event-stream); every event has an id",
      headers = {
        @Header(
            name = ProtocolVersion.HEADER,
            description = "the event protocol's version",
            schema = @Schema(type = "integer")),
        @Header(
            name = "X-Accel-Buffering",
            description = "no: proxies must not buffer the stream",
            schema = @Schema(type = "string"))
      },
      content =
          @Content(
              mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
              schema = @Schema(ref = OpenApiConfiguration.RUN_EVENT_STREAM)))
  @ApiResponse(
      responseCode = "204",
      description =
          "The id is at or past the finished run's terminal event: nothing follows, stop"
              + " reconnecting",
      content = @Content)
  @ApiResponse(
      responseCode = "400",
      description = "A malformed Last-Event-ID",
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
      responseCode = "503",
      description = OpenApiConfiguration.ENGINE_UNAVAILABLE,
      content =
          @Content(
              mediaType = OpenApiConfiguration.PROBLEM_JSON,
              schema = @Schema(ref = OpenApiConfiguration.PROBLEM)))
  ResponseEntity<SseEmitter> events(
      @Parameter(description = "the run's id") @PathVariable String runId,
      @Parameter(
              in = ParameterIn.HEADER,
              description = "resume right after this event id (what browsers send on reconnect)")
          @RequestHeader(name = "Last-Event-ID", required = false)
          String lastEventIdHeader,
      @Parameter(description = "the same as Last-Event-ID, for clients that cannot set headers")
          @RequestParam(name = "lastEventId", required = false)
          String lastEventIdParam,
      @Parameter(hidden = true) HttpServletResponse response) {
    ClientValues.runId(runId);
    Long lastEventId = parse(lastEventIdHeader != null ? lastEventIdHeader : lastEventIdParam);
    if (!sessions.accepting()) {
      throw QuotaExceededException.nodeShuttingDown();
    }
    SseSession.Start start;
    if (lastEventId == null) {
      start =
          snapshots.isOpen(runId) && channel.isAvailable()
              ? new SseSession.Start.FromRunStart(RUN_START_PATIENCE)
              : new SseSession.Start.FromSnapshot(snapshots.build(runId));
    } else {
      RunSnapshot snapshot = snapshots.build(runId);
      if (isPastTheEnd(snapshot, lastEventId, runId)) {
        return ResponseEntity.noContent().build();
      }
      start = new SseSession.Start.Resume(lastEventId, snapshot);
    }
    // Held only while this response is open: a run waiting for answers with no one watching
    // counts against nothing.
    Quotas.StreamSlot slot = quotas.openStream(Caller.current());
    streamHeaders(response);
    SseEmitter emitter = new SseEmitter(sse.maxDuration().toMillis());
    emitter.onCompletion(slot::close);
    emitter.onTimeout(slot::close);
    emitter.onError(e -> slot.close());
    sessions.start(
        new SseSession(
            runId,
            emitter,
            start,
            snapshots,
            channel,
            sse.keepAlive(),
            sse.pollInterval(),
            sse.maxBacklog(),
            meters));
    return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(emitter);
  }

  /**
   * HEAD: the status and headers a GET would get, and no stream. Without this mapping Spring
   * answers HEAD with the GET handler, which opens a session that streams into a discarded body and
   * never ends.
   */
  @RequestMapping(path = "/api/runs/{runId}/events", method = RequestMethod.HEAD)
  ResponseEntity<Void> head(
      @PathVariable String runId,
      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
      @RequestParam(name = "lastEventId", required = false) String lastEventIdParam,
      HttpServletResponse response) {
    ClientValues.runId(runId);
    Long lastEventId = parse(lastEventIdHeader != null ? lastEventIdHeader : lastEventIdParam);
    if (lastEventId == null) {
      snapshots.describe(runId); // 404 for an unknown run
    } else if (isPastTheEnd(snapshots.build(runId), lastEventId, runId)) {
      return ResponseEntity.noContent().build();
    }
    streamHeaders(response);
    return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).build();
  }

  /** A finished run's resume point at or past its terminal event: nothing is left to send. */
  private boolean isPastTheEnd(RunSnapshot snapshot, long lastEventId, String runId) {
    return snapshot.isTerminal()
        && lastEventId >= Math.max(snapshot.lastEventId(), channel.head(runId));
  }

  private static void streamHeaders(HttpServletResponse response) {
    response.setHeader("X-Accel-Buffering", "no");
    response.setHeader(ProtocolVersion.HEADER, Integer.toString(ProtocolVersion.CURRENT));
    response.setHeader("Cache-Control", "no-cache");
  }

  /**
   * An event id is ASCII digits only: no sign, no spaces, no other script's digits (which {@code
   * Long.parseLong} would take), at most what a {@code long} holds. Empty means none, as for an
   * EventSource that has seen no event.
   */
  private static Long parse(String id) {
    if (id == null || id.isEmpty()) {
      return null;
    }
    if (EVENT_ID.matcher(id).matches()) {
      try {
        return Long.parseLong(id);
      } catch (NumberFormatException e) {
        // More than a long holds: malformed like any other.
      }
    }
    throw new InvalidRunRequestException(
        "malformed Last-Event-ID "
            + ClientValues.quote(id)
            + ": expected a non-negative integer (digits only)");
  }
}
