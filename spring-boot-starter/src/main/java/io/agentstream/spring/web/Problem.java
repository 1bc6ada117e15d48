package io.agentstream.spring.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of every error answer, {@code application/problem+json} (RFC 9457): a stable {@code
 * type}, its {@code title}, the {@code status} and a {@code detail} written for a person.
 *
 * <p>The body never echoes the request: there is no {@code instance} member (Spring's {@code
 * ProblemDetail} fills it with the request path, which for an unknown route or a hostile id is
 * whatever the client sent), and a detail quotes a client's value only as {@link
 * ClientValues#quote} shortens it. One shape for the controllers' errors, Spring MVC's own, the
 * {@code /error} page and the servlet container's error report, so a client parses one thing.
 */
record Problem(URI type, String title, int status, String detail) {

  static Problem of(ProblemType type, String detail) {
    return new Problem(type.type(), type.title(), type.status(), detail);
  }

  /**
   * The problem for an HTTP status that was set without a reason we know: by the servlet container
   * (a request it could not parse), or by a component that called {@code sendError}.
   */
  static Problem forStatus(int status) {
    ProblemType type =
        switch (status) {
          case 400 -> ProblemType.INVALID_REQUEST;
          case 404 -> ProblemType.NOT_FOUND;
          case 405 -> ProblemType.METHOD_NOT_ALLOWED;
          case 406 -> ProblemType.NOT_ACCEPTABLE;
          case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
          case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
          case 500 -> ProblemType.INTERNAL_ERROR;
          default -> ProblemType.HTTP_ERROR;
        };
    String detail =
        switch (status) {
          case 400 ->
              "the request could not be read: its request line or a header is malformed or too"
                  + " long, or its address holds characters that are not allowed there (such as an"
                  + " encoded slash)";
          case 404 -> "nothing is served at this address";
          case 405 -> "this method is not allowed at this address";
          case 406 -> "this address cannot answer in a media type the request accepts";
          case 408 -> "the request was not received in time";
          case 411 -> "a request body needs a Content-Length or chunked transfer encoding";
          case 413 -> "the request body is too large";
          case 414 -> "the address is too long";
          case 415 -> "the media type of the request body is not supported here";
          case 431 -> "the request headers are too large";
          case 500 -> "the server failed to answer this request; the failure was logged";
          case 501 -> "the server does not implement this method or transfer encoding";
          case 503 -> "the server cannot answer right now; retry shortly";
          case 505 -> "this HTTP version is not supported; use HTTP/1.1";
          default -> "the request failed with HTTP status " + status;
        };
    return new Problem(type.type(), type.title(), status, detail);
  }

  ResponseEntity<Object> toResponse() {
    return toResponse(new HttpHeaders());
  }

  /**
   * The answer, with the given headers (such as {@code Allow} for a 405). The body goes out as
   * bytes with a {@code Content-Length}: after a 413 the connection stays open only while the
   * server drains the unread body, so a client must be able to tell that the answer is complete
   * without waiting for the connection to close.
   */
  ResponseEntity<Object> toResponse(HttpHeaders headers) {
    byte[] body = toJson().getBytes(StandardCharsets.UTF_8);
    HttpHeaders all = new HttpHeaders();
    all.putAll(headers);
    all.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    all.setContentLength(body.length);
    return ResponseEntity.status(status).headers(all).body(body);
  }

  /** The body as JSON, for writers outside Spring MVC (the container's error report). */
  String toJson() {
    return JsonMapper.shared().writeValueAsString(this);
  }
}
