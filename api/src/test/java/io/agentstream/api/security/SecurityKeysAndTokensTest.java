package io.agentstream.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstream.spring.security.ApiKeys;
import io.agentstream.spring.security.Caller;
import io.agentstream.spring.security.StreamTokens;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Key entries, the new-key command and stream tokens, without a server. */
class SecurityKeysAndTokensTest {

  @Test
  void theNewKeyCommandPrintsAKeyAndTheEntryThatAcceptsIt() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        NewKeyCommand.run(
            new String[] {"new-key", "ops", "--admin"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);
    assertThat(code).isZero();
    String[] lines =
        out.toString(StandardCharsets.UTF_8).lines().map(String::trim).toArray(String[]::new);
    String key = lines[1];
    String entry = lines[3];
    assertThat(key).startsWith("ask_");
    assertThat(entry).matches("ops:[0-9a-f]{64}:admin").doesNotContain(key);
    ApiKeys keys = ApiKeys.parse("alice:" + "0".repeat(64) + ", " + entry);
    assertThat(keys.authenticate(key)).contains(new Caller("ops", true));
    assertThat(keys.authenticate(key + "x")).isEmpty();
    assertThat(keys.size()).isEqualTo(2);
  }

  @Test
  void malformedEntriesAreRejectedWithoutEchoingThem() {
    assertThatThrownBy(() -> ApiKeys.parse("alice:ABC"))
        .hasMessageContaining("entry 1")
        .hasMessageNotContaining("ABC");
    assertThatThrownBy(() -> ApiKeys.parse("anonymous:" + "a".repeat(64)))
        .hasMessageContaining("reserved");
    assertThatThrownBy(() -> ApiKeys.parse("a:" + "a".repeat(64) + ":root"))
        .hasMessageContaining("admin");
    assertThat(ApiKeys.parse(" ").isEmpty()).isTrue();
  }

  @Test
  void aStreamTokenIsForOneRunAndExpires() {
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    StreamTokens tokens =
        new StreamTokens("s3cret", Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC));
    String token = tokens.issue("run-1", new Caller("alice", false)).token();
    assertThat(tokens.verify(token, "run-1")).contains(new Caller("alice", false));
    assertThat(tokens.verify(token, "run-2")).isEmpty();
    StreamTokens later =
        new StreamTokens(
            "s3cret", Duration.ofMinutes(5), Clock.fixed(now.plusSeconds(301), ZoneOffset.UTC));
    assertThat(later.verify(token, "run-1")).isEmpty();
    StreamTokens otherSecret =
        new StreamTokens("other", Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC));
    assertThat(otherSecret.verify(token, "run-1")).isEmpty();
  }
}
