package io.agentstream.spring.redis;

import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.Environment;

/** Makes the {@link RedisConnection} from Spring Boot's {@code spring.data.redis.*} settings. */
public final class RedisConnections {

  private RedisConnections() {}

  /** From the environment, with SSL bundles (if any) from {@code bundles}. */
  public static RedisConnection from(Environment environment, Optional<SslBundles> bundles) {
    SpringDataRedis redis =
        Binder.get(environment).bindOrCreate("spring.data.redis", SpringDataRedis.class);
    return of(redis, bundles);
  }

  static RedisConnection of(SpringDataRedis redis, Optional<SslBundles> bundles) {
    if (redis.cluster() != null
        && redis.cluster().nodes() != null
        && !redis.cluster().nodes().isEmpty()) {
      throw new IllegalStateException(
          "spring.data.redis.cluster.nodes is set, but agentstream needs a single Redis or a"
              + " Sentinel-watched master (its live channel's scripts use several keys of a run);"
              + " set spring.data.redis.url, host or sentinel instead");
    }
    RedisURI.Builder uri;
    if (redis.sentinel() != null && redis.sentinel().master() != null) {
      uri = sentinels(redis.sentinel());
    } else if (redis.url() != null && !redis.url().isBlank()) {
      uri = RedisURI.builder(RedisURI.create(redis.url()));
    } else {
      uri = RedisURI.builder().withHost(redis.host()).withPort(redis.port());
    }
    boolean fromUrl = redis.sentinel() == null && redis.url() != null && !redis.url().isBlank();
    if (!fromUrl) {
      uri.withDatabase(redis.database());
      if (redis.password() != null) {
        uri.withAuthentication(
            redis.username() == null ? "default" : redis.username(),
            redis.password().toCharArray());
      }
    }
    if (redis.ssl().on()) {
      uri.withSsl(true);
    }
    if (redis.timeout() != null) {
      uri.withTimeout(redis.timeout());
    }
    if (redis.clientName() != null) {
      uri.withClientName(redis.clientName());
    }
    return new RedisConnection(uri.build(), sslOptions(redis.ssl(), bundles));
  }

  private static RedisURI.Builder sentinels(SpringDataRedis.Sentinel sentinel) {
    List<String> nodes = sentinel.nodes() == null ? List.of() : sentinel.nodes();
    if (nodes.isEmpty()) {
      throw new IllegalStateException(
          "spring.data.redis.sentinel.master is set but spring.data.redis.sentinel.nodes is empty;"
              + " list the sentinels as host:port");
    }
    RedisURI.Builder uri = RedisURI.builder().withSentinelMasterId(sentinel.master());
    for (String node : nodes) {
      int colon = node.lastIndexOf(':');
      String host = colon < 0 ? node.trim() : node.substring(0, colon).trim();
      int port = colon < 0 ? 26379 : Integer.parseInt(node.substring(colon + 1).trim());
      uri.withSentinel(sentinelNode(host, port, sentinel));
    }
    return uri;
  }

  private static RedisURI sentinelNode(String host, int port, SpringDataRedis.Sentinel sentinel) {
    RedisURI.Builder node = RedisURI.builder().withHost(host).withPort(port);
    if (sentinel.password() != null) {
      node.withAuthentication(
          sentinel.username() == null ? "default" : sentinel.username(),
          sentinel.password().toCharArray());
    }
    return node.build();
  }

  private static Optional<SslOptions> sslOptions(
      SpringDataRedis.Ssl ssl, Optional<SslBundles> bundles) {
    if (ssl.bundle() == null || ssl.bundle().isBlank()) {
      return Optional.empty();
    }
    SslBundles known =
        bundles.orElseThrow(
            () ->
                new IllegalStateException(
                    "spring.data.redis.ssl.bundle is '"
                        + ssl.bundle()
                        + "', but no SSL bundles are configured (spring.ssl.bundle.*)"));
    SslBundle bundle = known.getBundle(ssl.bundle());
    return Optional.of(
        SslOptions.builder()
            .keyManager(bundle.getManagers().getKeyManagerFactory())
            .trustManager(bundle.getManagers().getTrustManagerFactory())
            .build());
  }
}
