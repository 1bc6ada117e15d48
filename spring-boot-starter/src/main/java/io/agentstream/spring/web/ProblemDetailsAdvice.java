package io.agentstream.spring.web;

import io.agentstream.spring.config.ServesApi;
import io.agentstream.spring.run.IdempotencyKeyReusedException;
import io.agentstream.spring.run.InvalidRunRequestException;
import io.agentstream.spring.run.RunConflictException;
import io.agentstream.spring.run.RunNotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place exceptions become HTTP answers: a {@link Problem} that says what was wrong. Our own
 * exceptions carry a detail written for a person; Spring MVC's (wrong method, media type, unknown
 * route, malformed parameter) get one written here, never their message, which can name Java types
 * or internal paths. Temporal and gRPC types never reach a client, and an unexpected exception is
 * logged and answered with a 500 that says nothing of it.
 */
@ServesApi
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  @ExceptionHandler(RunNotFoundException.class)
  ResponseEntity<Object> notFound(RunNotFoundException e) {
    return Problem.of(ProblemType.RUN_NOT_FOUND, e.getMessage()).toResponse();
  }

  @ExceptionHandler(InvalidRunRequestException.class)
  ResponseEntity<Object> invalid(InvalidRunRequestException e) {
    return Problem.of(ProblemType.INVALID_REQUEST, e.getMessage()).toResponse();
  }

  /**
   * The rest of the body is not read; closing the connection spares the server from draining it.
   */
  @ExceptionHandler(PayloadTooLargeException.class)
  ResponseEntity<Object> tooLarge(PayloadTooLargeException e) {
    HttpHeaders headers = new HttpHeaders();
    headers.setConnection("close");
    return Problem.of(ProblemType.PAYLOAD_TOO_LARGE, e.getMessage()).toResponse(headers);
  }

  /**
   * Over a caller's quota (429), or the node's stream cap or its shutdown (503), with when to try
   * again.
   */
  @ExceptionHandler(io.agentstream.spring.quota.QuotaExceededException.class)
  ResponseEntity<Object> overQuota(io.agentstream.spring.quota.QuotaExceededException e) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()));
    ProblemType type =
        e.status() == 429 ? ProblemType.QUOTA_EXCEEDED : ProblemType.NODE_AT_CAPACITY;
    return Problem.of(type, e.getMessage()).toResponse(headers);
  }

  @ExceptionHandler(RunConflictException.class)
  ResponseEntity<Object> conflict(RunConflictException e) {
    return Problem.of(ProblemType.RUN_CONFLICT, e.getMessage()).toResponse();
  }

  @ExceptionHandler(IdempotencyKeyReusedException.class)
  ResponseEntity<Object> keyReused(IdempotencyKeyReusedException e) {
    return Problem.of(ProblemType.IDEMPOTENCY_KEY_REUSED, e.getMessage()).toResponse();
  }

  @ExceptionHandler(io.grpc.StatusRuntimeException.class)
  ResponseEntity<Object> engineUnavailable(io.grpc.StatusRuntimeException e) {
    log.warn("Temporal call failed: {}", e.getStatus());
    return Problem.of(
            ProblemType.ENGINE_UNAVAILABLE, "the workflow engine did not answer; retry shortly")
        .toResponse();
  }

  /**
   * The run's state could not be read just now: its workflow could not answer the query (on a
   * worker that has just started, replaying it may outlast Temporal's deadlock detector while the
   * JVM warms up). The run is fine and the next try usually answers, so: 503 with when to retry,
   * not a 500.
   */
  @ExceptionHandler(io.temporal.client.WorkflowQueryException.class)
  ResponseEntity<Object> stateUnreadable(io.temporal.client.WorkflowQueryException e) {
    log.warn(
        "Query of {} failed: {}",
        e.getExecution().getWorkflowId(),
        e.getCause() == null ? e.toString() : e.getCause().toString());
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, "1");
    return Problem.of(
            ProblemType.ENGINE_UNAVAILABLE, "the run's state could not be read just now; retry")
        .toResponse(headers);
  }

  /** Anything else is our bug: logged in full, answered without a word about it. */
  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e, HttpServletResponse response) {
    log.error("Unexpected failure of a request", e);
    if (response.isCommitted()) {
      return null;
    }
    return Problem.forStatus(500).toResponse();
  }

  /** Spring MVC's own exceptions, each with a detail of ours and the headers Spring chose. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (request instanceof ServletWebRequest servlet
        && servlet.getResponse() != null
        && servlet.getResponse().isCommitted()) {
      return null;
    }
    return describe(ex, status.value()).toResponse(headers);
  }

  private static Problem describe(Exception ex, int status) {
    if (ex instanceof HttpRequestMethodNotSupportedException e) {
      String allowed =
          e.getSupportedHttpMethods() == null
              ? ""
              : e.getSupportedHttpMethods().stream()
                  .map(Object::toString)
                  .sorted()
                  .collect(Collectors.joining(", "));
      return Problem.of(
          ProblemType.METHOD_NOT_ALLOWED,
          "method "
              + ClientValues.quote(e.getMethod())
              + " is not allowed here"
              + (allowed.isEmpty() ? "" : "; this address takes " + allowed));
    }
    if (ex instanceof HttpMediaTypeNotSupportedException e) {
      return Problem.of(
          ProblemType.UNSUPPORTED_MEDIA_TYPE,
          (e.getContentType() == null
                  ? "the request has no Content-Type"
                  : "Content-Type "
                      + ClientValues.quote(e.getContentType().toString())
                      + " is not accepted here")
              + "; send the body as application/json");
    }
    if (ex instanceof HttpMediaTypeNotAcceptableException e) {
      String produced =
          e.getSupportedMediaTypes().stream()
              .map(Object::toString)
              .collect(Collectors.joining(", "));
      return Problem.of(
          ProblemType.NOT_ACCEPTABLE,
          "this address cannot answer in a media type the Accept header allows"
              + (produced.isEmpty() ? "" : "; it answers with " + produced));
    }
    if (ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException) {
      return Problem.forStatus(404);
    }
    if (ex instanceof TypeMismatchException e) {
      return Problem.of(
          ProblemType.INVALID_REQUEST,
          "'"
              + e.getPropertyName()
              + "' "
              + (isWholeNumber(e.getRequiredType())
                  ? "must be a whole number"
                  : "has a value that is not allowed"));
    }
    if (ex instanceof MissingServletRequestParameterException e) {
      return Problem.of(
          ProblemType.INVALID_REQUEST, "the parameter '" + e.getParameterName() + "' is required");
    }
    if (ex instanceof ServletRequestBindingException) {
      return Problem.of(
          ProblemType.INVALID_REQUEST, "a required parameter or header is missing or malformed");
    }
    if (ex instanceof HttpMessageNotReadableException) {
      return Problem.of(ProblemType.INVALID_REQUEST, "the request body is not valid JSON");
    }
    return Problem.forStatus(status);
  }

  private static boolean isWholeNumber(Class<?> type) {
    return type == int.class
        || type == long.class
        || type == Integer.class
        || type == Long.class
        || type == short.class
        || type == Short.class;
  }
}
