package io.agentstream.spring.web;

/** A submission larger than {@code agentstream.api.max-input-bytes} (maps to 413). */
class PayloadTooLargeException extends RuntimeException {
  PayloadTooLargeException(long size, int limit) {
    super("request body of " + size + " bytes exceeds the limit of " + limit + " bytes");
  }
}
