package io.agentstream.spring.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The configured API keys, held as SHA-256 hashes only: {@code agentstream.security.api-keys} is a
 * comma-separated list of {@code <caller>:<sha256 of the key, lowercase hex>[:admin]}. A leaked
 * configuration does not leak a usable key.
 */
public final class ApiKeys {

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Entry(Caller caller, byte[] hash) {}

  private final List<Entry> entries;

  private ApiKeys(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * Parses the setting; blank means no keys.
   *
   * @throws IllegalArgumentException naming the malformed entry (never echoing a hash)
   */
  public static ApiKeys parse(String setting) {
    List<Entry> entries = new ArrayList<>();
    if (setting != null) {
      int position = 0;
      for (String raw : setting.split(",")) {
        position++;
        String entry = raw.trim();
        if (entry.isEmpty()) {
          continue;
        }
        String[] parts = entry.split(":", -1);
        String problem = null;
        if (parts.length < 2 || parts.length > 3) {
          problem = "expected <caller>:<sha256 hex>[:admin]";
        } else if (!Caller.isValidName(parts[0])) {
          problem = "the caller must be 1 to 64 letters, digits, '.', '_', '@' or '-'";
        } else if (parts[0].equals(Caller.ANONYMOUS.name())) {
          problem = "'anonymous' is reserved for the loopback mode without keys";
        } else if (!SHA256_HEX.matcher(parts[1]).matches()) {
          problem = "the hash must be 64 lowercase hex digits (SHA-256 of the key)";
        } else if (parts.length == 3 && !parts[2].equals("admin")) {
          problem = "the only role is 'admin'";
        }
        if (problem != null) {
          throw new IllegalArgumentException(
              "agentstream.security.api-keys: entry " + position + " is malformed: " + problem);
        }
        entries.add(
            new Entry(new Caller(parts[0], parts.length == 3), HexFormat.of().parseHex(parts[1])));
      }
    }
    return new ApiKeys(entries);
  }

  /** Whether no keys are configured (the anonymous, loopback-only mode). */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** How many keys are configured. */
  public int size() {
    return entries.size();
  }

  /** The caller this key belongs to; compares hashes in constant time. */
  public Optional<Caller> authenticate(String key) {
    if (key == null || key.isEmpty()) {
      return Optional.empty();
    }
    byte[] hash = sha256(key);
    Caller found = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(entry.hash(), hash) && found == null) {
        found = entry.caller();
      }
    }
    return Optional.ofNullable(found);
  }

  /** A fresh random key: 32 random bytes, URL-safe base64, prefixed so it is recognizable. */
  public static String newKey() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "ask_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The entry that configures {@code key} for {@code caller}. */
  public static String entryFor(String caller, String key, boolean admin) {
    if (!Caller.isValidName(caller) || caller.equals(Caller.ANONYMOUS.name())) {
      throw new IllegalArgumentException(
          "a caller is 1 to 64 letters, digits, '.', '_', '@' or '-', and not 'anonymous'");
    }
    return caller + ":" + HexFormat.of().formatHex(sha256(key)) + (admin ? ":admin" : "");
  }

  private static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
