package io.agentstream.spring.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstream.api.AgentstreamApplication;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** A typo in an enum setting stops the start with a message that names the allowed values. */
class SettingsValidationTest {

  @Test
  void aMistypedRoleFailsTheStartNamingTheAllowedRoles() {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(AgentstreamApplication.class)
                    .run(
                        "--agentstream.role=wroker",
                        "--server.port=0",
                        "--spring.temporal.connection.target=127.0.0.1:1"))
        .hasStackTraceContaining(
            "agentstream.role=wroker is not allowed; allowed values: all, api, worker");
  }

  @Test
  void aMistypedLiveChannelFailsTheStartNamingTheAllowedChannels() {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(AgentstreamApplication.class)
                    .run(
                        "--agentstream.stream=redsi",
                        "--server.port=0",
                        "--spring.temporal.connection.target=127.0.0.1:1"))
        .hasStackTraceContaining(
            "agentstream.stream=redsi is not allowed; allowed values: memory, redis");
  }

  @Test
  void settingsAreReadCaseInsensitivelyWithTheirDefaults() {
    StandardEnvironment env = new StandardEnvironment();
    assertThat(Role.of(env)).isEqualTo(Role.ALL);
    assertThat(LiveChannel.of(env)).isEqualTo(LiveChannel.MEMORY);
    env.getPropertySources()
        .addFirst(
            new MapPropertySource(
                "t", Map.of("agentstream.role", "Worker", "agentstream.stream", "REDIS")));
    assertThat(Role.of(env)).isEqualTo(Role.WORKER);
    assertThat(Role.of(env).servesApi()).isFalse();
    assertThat(LiveChannel.of(env)).isEqualTo(LiveChannel.REDIS);
  }

  @Test
  void aMistypedLiveChannelNamesTheAllowedChannels() {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources()
        .addFirst(new MapPropertySource("t", Map.of("agentstream.stream", "redsi")));
    assertThatThrownBy(() -> LiveChannel.of(env))
        .hasMessage("agentstream.stream=redsi is not allowed; allowed values: memory, redis");
  }
}
