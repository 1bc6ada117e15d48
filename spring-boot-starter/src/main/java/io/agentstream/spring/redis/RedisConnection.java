package io.agentstream.spring.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import java.util.Optional;

/**
 * Where agentstream's Redis is and how to reach it: the address with its credentials and TLS flag,
 * and, for TLS with an SSL bundle, the trust and key material. One value for the live channel and
 * the quotas, made from {@code spring.data.redis.*} by {@link RedisConnections}.
 *
 * @param uri host or sentinels, user, password, database, TLS on or off
 * @param ssl the SSL bundle's trust and key managers; empty uses the JVM's defaults
 */
public record RedisConnection(RedisURI uri, Optional<SslOptions> ssl) {

  /** The client options to build on: the SSL bundle's material, if any. */
  public ClientOptions.Builder clientOptions() {
    ClientOptions.Builder options = ClientOptions.builder();
    ssl.ifPresent(options::sslOptions);
    return options;
  }

  /** For log lines and errors: where, never the password. */
  public String describe() {
    String where =
        uri.getSentinels().isEmpty()
            ? uri.getHost() + ":" + uri.getPort()
            : "sentinel master " + uri.getSentinelMasterId();
    return where + (uri.isSsl() ? " (TLS)" : "");
  }
}
