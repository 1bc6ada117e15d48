package io.agentstream.spring.encryption;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys that encrypt payloads, by key id. The first key is current: every new payload is
 * encrypted with it. The others only decrypt payloads written before a rotation, so a key is
 * retired only once no open run (and no history that must stay readable) still holds payloads under
 * it.
 *
 * @param currentId the id new payloads are encrypted under
 * @param keys every key by id, the current one first
 */
public record EncryptionKeys(String currentId, Map<String, SecretKey> keys) {

  private static final int KEY_BYTES = 32;
  private static final int MAX_ID_LENGTH = 64;

  public EncryptionKeys {
    keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    if (!keys.containsKey(currentId)) {
      throw new IllegalArgumentException("the current encryption key is not among the keys");
    }
  }

  /**
   * Parses {@code agentstream.encryption.keys}: comma-separated {@code <keyId>:<base64 of 32 random
   * bytes>} entries, the first one current. A message never repeats a key, only its id.
   */
  public static EncryptionKeys parse(String setting) {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    String current = null;
    for (String entry : setting.split(",")) {
      String trimmed = entry.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      int colon = trimmed.indexOf(':');
      if (colon < 1) {
        throw new IllegalArgumentException(
            "agentstream.encryption.keys: each entry is <keyId>:<base64 of 32 bytes>");
      }
      String id = trimmed.substring(0, colon).strip();
      if (id.length() > MAX_ID_LENGTH || !id.matches("[A-Za-z0-9._-]+")) {
        throw new IllegalArgumentException(
            "agentstream.encryption.keys: a key id is 1 to 64 letters, digits, '.', '_' or '-'");
      }
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(trimmed.substring(colon + 1).strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "agentstream.encryption.keys: the key of '" + id + "' is not base64");
      }
      if (bytes.length != KEY_BYTES) {
        throw new IllegalArgumentException(
            "agentstream.encryption.keys: the key of '"
                + id
                + "' has "
                + bytes.length
                + " bytes; AES-256 needs 32 (openssl rand -base64 32)");
      }
      if (keys.putIfAbsent(id, new SecretKeySpec(bytes, "AES")) != null) {
        throw new IllegalArgumentException(
            "agentstream.encryption.keys: the key id '" + id + "' appears twice");
      }
      if (current == null) {
        current = id;
      }
    }
    if (current == null) {
      throw new IllegalArgumentException("agentstream.encryption.keys: no key given");
    }
    return new EncryptionKeys(current, keys);
  }

  public SecretKey current() {
    return keys.get(currentId);
  }

  public Optional<SecretKey> find(String id) {
    return Optional.ofNullable(keys.get(id));
  }

  @Override
  public String toString() {
    return "EncryptionKeys" + keys.keySet() + " current=" + currentId;
  }
}
