package io.agentstream.spring.run;

/**
 * An {@code Idempotency-Key} that already named a run of a different request (maps to 422): the
 * key's run is not the one this request asks for, and starting another would break the promise of
 * one run per key.
 */
public class IdempotencyKeyReusedException extends RuntimeException {
  public IdempotencyKeyReusedException(String quotedKey) {
    super(
        "Idempotency-Key "
            + quotedKey
            + " was already used for a different request; send the same body to get its run, or"
            + " use a new key");
  }
}
