package io.agentstream.spring.web;

import java.net.URI;

/**
 * Every kind of problem the API answers with, each with a stable {@code type} URI that clients may
 * switch on (README, "Limits and errors"). The title is the same for every occurrence of a type;
 * the {@code detail} says what was wrong with this request.
 */
public enum ProblemType {
  INVALID_REQUEST("invalid-request", "Invalid request", 400),
  /** No API key, a wrong one, or a stream token that does not open this run (README, Security). */
  UNAUTHORIZED("unauthorized", "Unauthorized", 401),
  RUN_NOT_FOUND("run-not-found", "Run not found", 404),
  NOT_FOUND("not-found", "Not found", 404),
  METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
  NOT_ACCEPTABLE("not-acceptable", "Not acceptable", 406),
  RUN_CONFLICT("run-conflict", "Conflict", 409),
  PAYLOAD_TOO_LARGE("payload-too-large", "Request too large", 413),
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
  IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency key reused", 422),
  QUOTA_EXCEEDED("quota-exceeded", "Quota exceeded", 429),
  INTERNAL_ERROR("internal-error", "Internal error", 500),
  ENGINE_UNAVAILABLE("engine-unavailable", "Engine unavailable", 503),
  NODE_AT_CAPACITY("node-at-capacity", "Node at capacity", 503),
  /** Any other status, mostly the servlet container's own (408, 501, 505, …). */
  HTTP_ERROR("http-error", "HTTP error", 0);

  /** Where the types live; a page per type may be published there, the URIs stay as they are. */
  public static final String BASE = "https://agentstream.dev/problems/";

  private final URI type;
  private final String title;
  private final int status;

  ProblemType(String slug, String title, int status) {
    this.type = URI.create(BASE + slug);
    this.title = title;
    this.status = status;
  }

  /** The {@code type} URI of this kind of problem. */
  public URI type() {
    return type;
  }

  /** The type for a status the API answers with, {@link #HTTP_ERROR} for any other. */
  public static ProblemType forStatus(int status) {
    for (ProblemType t : values()) {
      if (t.status == status && t != NOT_FOUND) {
        return t;
      }
    }
    return HTTP_ERROR;
  }

  String title() {
    return title;
  }

  /** The status this type is answered with; 0 for {@link #HTTP_ERROR}, which keeps the status. */
  int status() {
    return status;
  }
}
