package io.agentstream.spring.quota;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Admissions in Redis, shared by every API node: one sorted set per owner ({@code
 * agentstream:quota:admitted:<owner>}), run ids scored by the admission time in milliseconds. The
 * set expires when its owner admits nothing for {@code keep}, so idle callers leave nothing behind.
 */
final class RedisAdmittedRuns implements AdmittedRuns, AutoCloseable {

  private static final String PREFIX = "agentstream:quota:admitted:";

  private final StatefulRedisConnection<String, String> connection;
  private final Duration keep;

  RedisAdmittedRuns(RedisClient client, Duration keep) {
    this.connection = client.connect();
    this.keep = keep;
  }

  @Override
  public void record(String owner, String runId, Instant at) {
    RedisCommands<String, String> redis = connection.sync();
    String key = PREFIX + owner;
    redis.zadd(key, at.toEpochMilli(), runId);
    redis.zremrangebyscore(
        key, Range.create(Double.NEGATIVE_INFINITY, at.minus(keep).toEpochMilli() - 1.0));
    redis.pexpire(key, keep.toMillis());
  }

  @Override
  public Set<String> since(String owner, Instant from) {
    return new HashSet<>(
        connection
            .sync()
            .zrangebyscore(
                PREFIX + owner,
                Range.create((double) from.toEpochMilli(), Double.POSITIVE_INFINITY)));
  }

  @Override
  public void close() {
    connection.close();
  }
}
