package io.agentstream.spring.web;

/**
 * A request body over its limit ({@code agentstream.api.max-input-bytes} for a submission, the
 * derived answers limit for answers); maps to 413. Raised from the declared {@code Content-Length}
 * before anything is read, or as soon as reading passes the limit.
 */
class PayloadTooLargeException extends RuntimeException {
  PayloadTooLargeException(String what, int limit) {
    super(what + " exceeds the limit of " + limit + " bytes");
  }
}
