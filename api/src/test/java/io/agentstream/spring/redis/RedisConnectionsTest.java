package io.agentstream.spring.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** {@code spring.data.redis.*} read the way Spring Boot documents its keys. */
class RedisConnectionsTest {

  static RedisConnection connection(Map<String, Object> properties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    return RedisConnections.from(environment, Optional.empty());
  }

  static RedisCredentials credentials(RedisURI uri) {
    return uri.getCredentialsProvider().resolveCredentials().block();
  }

  @Test
  void nothingSetIsTheLocalRedis() {
    RedisURI uri = connection(Map.of()).uri();

    assertThat(uri.getHost()).isEqualTo("localhost");
    assertThat(uri.getPort()).isEqualTo(6379);
    assertThat(uri.isSsl()).isFalse();
    assertThat(credentials(uri).hasPassword()).isFalse();
  }

  @Test
  void hostPortAclUserPasswordAndDatabaseAreUsed() {
    RedisURI uri =
        connection(
                Map.of(
                    "spring.data.redis.host", "redis.internal",
                    "spring.data.redis.port", "6380",
                    "spring.data.redis.username", "agentstream",
                    "spring.data.redis.password", "s3cret",
                    "spring.data.redis.database", "2",
                    "spring.data.redis.timeout", "3s"))
            .uri();

    assertThat(uri.getHost()).isEqualTo("redis.internal");
    assertThat(uri.getPort()).isEqualTo(6380);
    assertThat(credentials(uri).getUsername()).isEqualTo("agentstream");
    assertThat(new String(credentials(uri).getPassword())).isEqualTo("s3cret");
    assertThat(uri.getDatabase()).isEqualTo(2);
    assertThat(uri.getTimeout()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void aUrlWinsAndRedissMeansTls() {
    RedisURI uri =
        connection(
                Map.of(
                    "spring.data.redis.url", "rediss://bob:pw@cache.example:6390/1",
                    "spring.data.redis.host", "ignored"))
            .uri();

    assertThat(uri.getHost()).isEqualTo("cache.example");
    assertThat(uri.getPort()).isEqualTo(6390);
    assertThat(credentials(uri).getUsername()).isEqualTo("bob");
    assertThat(uri.getDatabase()).isEqualTo(1);
    assertThat(uri.isSsl()).isTrue();
  }

  @Test
  void sslEnabledTurnsTlsOn() {
    RedisConnection connection = connection(Map.of("spring.data.redis.ssl.enabled", "true"));

    assertThat(connection.uri().isSsl()).isTrue();
    assertThat(connection.ssl()).isEmpty();
    assertThat(connection.describe()).isEqualTo("localhost:6379 (TLS)");
  }

  @Test
  void sentinelsWatchTheMasterWithTheirOwnCredentials() {
    RedisURI uri =
        connection(
                Map.of(
                    "spring.data.redis.sentinel.master", "mymaster",
                    "spring.data.redis.sentinel.nodes", "s1:26379, s2:26380",
                    "spring.data.redis.sentinel.password", "sentinel-pw",
                    "spring.data.redis.password", "master-pw"))
            .uri();

    assertThat(uri.getSentinelMasterId()).isEqualTo("mymaster");
    assertThat(uri.getSentinels())
        .extracting(RedisURI::getHost, RedisURI::getPort)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("s1", 26379),
            org.assertj.core.groups.Tuple.tuple("s2", 26380));
    assertThat(new String(credentials(uri.getSentinels().get(0)).getPassword()))
        .isEqualTo("sentinel-pw");
    assertThat(new String(credentials(uri).getPassword())).isEqualTo("master-pw");
  }

  @Test
  void aClusterIsRefusedWithTheReason() {
    assertThatThrownBy(
            () -> connection(Map.of("spring.data.redis.cluster.nodes", "c1:6379,c2:6379")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("spring.data.redis.cluster.nodes")
        .hasMessageContaining("single Redis or a Sentinel");
  }

  @Test
  void anSslBundleThatIsNotConfiguredIsNamed() {
    assertThatThrownBy(() -> connection(Map.of("spring.data.redis.ssl.bundle", "redis")))
        .hasMessageContaining("spring.data.redis.ssl.bundle is 'redis'");
  }
}
