package io.agentstream.spring.redis;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Spring Boot's {@code spring.data.redis.*} keys, as agentstream reads them: the same names and
 * meanings as Spring Data Redis's, without bringing Spring Data Redis (agentstream talks to Redis
 * through Lettuce directly, and an app in memory mode should get no Redis connection factory or
 * health check). A {@code url} wins over host, port, user, password and database, as in Boot.
 *
 * @param url {@code redis://[user:password@]host:port[/database]}, or {@code rediss://} for TLS
 * @param username an ACL user (Redis 6+)
 * @param timeout how long a command may take (the live channel has its own, {@code
 *     agentstream.redis.command-timeout}; this one is used when set, for the quotas)
 * @param cluster a Redis Cluster is refused: the live channel's scripts touch several keys of a run
 */
record SpringDataRedis(
    String url,
    @DefaultValue("localhost") String host,
    @DefaultValue("6379") int port,
    String username,
    String password,
    @DefaultValue("0") int database,
    String clientName,
    Duration timeout,
    @DefaultValue Ssl ssl,
    Sentinel sentinel,
    Cluster cluster) {

  /**
   * @param enabled TLS to Redis
   * @param bundle a Spring Boot SSL bundle ({@code spring.ssl.bundle.*}) with the trust store (and
   *     a client certificate for mutual TLS); none means the JVM's default trust
   */
  record Ssl(Boolean enabled, String bundle) {
    boolean on() {
      return Boolean.TRUE.equals(enabled) || (enabled == null && bundle != null);
    }
  }

  /**
   * @param master the name of the master the sentinels watch
   * @param nodes the sentinels, {@code host:port} each
   * @param username the sentinels' ACL user, if they require one
   * @param password the sentinels' password, if they require one
   */
  record Sentinel(String master, List<String> nodes, String username, String password) {}

  record Cluster(List<String> nodes) {}
}
