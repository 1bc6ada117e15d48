package io.agentstream.spring.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived tokens that open one run's event stream: {@code EventSource} cannot send an {@code
 * Authorization} header, so a page asks for a token (with its key) and puts it in the stream's
 * address as {@code ?token=}. A token names the run, the caller and its expiry, signed with
 * HMAC-SHA256; it opens that run's events only, and only until it expires (a stream already open
 * stays open).
 */
public final class StreamTokens {

  private static final String HMAC = "HmacSHA256";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private final SecretKeySpec secret;
  private final Duration ttl;
  private final Clock clock;

  /** A token, and when it stops opening the stream. */
  public record Issued(String token, Instant expiresAt) {}

  /**
   * @param secret the signing key; blank means a random one for this process only
   */
  public StreamTokens(String secret, Duration ttl, Clock clock) {
    byte[] key;
    if (secret == null || secret.isBlank()) {
      key = new byte[32];
      new SecureRandom().nextBytes(key);
    } else {
      key = secret.getBytes(StandardCharsets.UTF_8);
    }
    this.secret = new SecretKeySpec(key, HMAC);
    this.ttl = ttl;
    this.clock = clock;
  }

  /** A token for {@code caller} to stream {@code runId}, valid for the configured time. */
  public Issued issue(String runId, Caller caller) {
    return issue(runId, caller, clock.instant().plus(ttl));
  }

  /** A token that expires at {@code expiresAt} (tests use one in the past). */
  public Issued issue(String runId, Caller caller, Instant expiresAt) {
    String payload =
        String.join(
            "\n",
            runId,
            caller.name(),
            caller.admin() ? "admin" : "",
            Long.toString(expiresAt.getEpochSecond()));
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return new Issued(
        ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(sign(bytes)), expiresAt);
  }

  /** The caller the token stands for, when it is genuine, unexpired and for {@code runId}. */
  public Optional<Caller> verify(String token, String runId) {
    if (token == null || runId == null) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    byte[] payload;
    byte[] signature;
    try {
      payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
      signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(sign(payload), signature)) {
      return Optional.empty();
    }
    String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
    if (parts.length != 4 || !parts[0].equals(runId)) {
      return Optional.empty();
    }
    long expires;
    try {
      expires = Long.parseLong(parts[3]);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (clock.instant().getEpochSecond() >= expires) {
      return Optional.empty();
    }
    return Optional.of(new Caller(parts[1], parts[2].equals("admin")));
  }

  private byte[] sign(byte[] payload) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(secret);
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
