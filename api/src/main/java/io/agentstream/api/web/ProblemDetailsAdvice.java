package io.agentstream.api.web;

import io.agentstream.api.config.ServesApi;
import io.agentstream.api.run.InvalidRunRequestException;
import io.agentstream.api.run.RunConflictException;
import io.agentstream.api.run.RunNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one place exceptions become HTTP answers: RFC 9457 problem details that say what was wrong.
 * Temporal and gRPC types never reach a client.
 */
@ServesApi
@RestControllerAdvice
class ProblemDetailsAdvice {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  @ExceptionHandler(RunNotFoundException.class)
  ProblemDetail notFound(RunNotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Run not found", e.getMessage());
  }

  @ExceptionHandler(InvalidRunRequestException.class)
  ProblemDetail invalid(InvalidRunRequestException e) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid request", "malformed JSON body");
  }

  @ExceptionHandler(PayloadTooLargeException.class)
  ProblemDetail tooLarge(PayloadTooLargeException e) {
    return problem(HttpStatus.CONTENT_TOO_LARGE, "Request too large", e.getMessage());
  }

  @ExceptionHandler(RunConflictException.class)
  ProblemDetail conflict(RunConflictException e) {
    return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
  }

  @ExceptionHandler(io.grpc.StatusRuntimeException.class)
  ProblemDetail engineUnavailable(io.grpc.StatusRuntimeException e) {
    log.warn("Temporal call failed: {}", e.getStatus());
    return problem(
        HttpStatus.SERVICE_UNAVAILABLE,
        "Engine unavailable",
        "the workflow engine did not answer; retry shortly");
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }
}
