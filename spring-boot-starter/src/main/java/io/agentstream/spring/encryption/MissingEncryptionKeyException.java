package io.agentstream.spring.encryption;

import io.temporal.payload.codec.PayloadCodecException;

/**
 * A payload was encrypted under a key this process does not have. The payload is left untouched in
 * history: nothing is decoded with a wrong key and no state is rewritten, so a process that has the
 * key (or this one, restarted with it) carries on where this one stopped.
 */
public class MissingEncryptionKeyException extends PayloadCodecException {

  public MissingEncryptionKeyException(String keyId) {
    super(
        "payload encrypted under key id '"
            + keyId
            + "', which is not in agentstream.encryption.keys on this process; add it (older keys"
            + " after the current one) and restart");
  }
}
