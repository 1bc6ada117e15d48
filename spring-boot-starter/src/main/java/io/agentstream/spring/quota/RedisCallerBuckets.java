package io.agentstream.spring.quota;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Buckets in Redis (Bucket4j's Lettuce proxy manager, compare-and-swap), shared by every API node
 * of a {@code stream=redis} deployment. A bucket's key expires once it would be full again, so idle
 * callers leave nothing behind.
 */
final class RedisCallerBuckets implements CallerBuckets {

  private static final String PREFIX = "agentstream:quota:";

  private final ProxyManager<byte[]> buckets;

  RedisCallerBuckets(RedisClient client) {
    this.buckets =
        Bucket4jLettuce.casBasedBuilder(client)
            .expirationAfterWrite(
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                    Duration.ofSeconds(10)))
            .build();
  }

  @Override
  public ConsumptionProbe tryConsume(String key, BucketConfiguration config) {
    return buckets.getProxy(redisKey(key), () -> config).tryConsumeAndReturnRemaining(1);
  }

  @Override
  public void giveBack(String key, BucketConfiguration config) {
    buckets.getProxy(redisKey(key), () -> config).addTokens(1);
  }

  private static byte[] redisKey(String key) {
    return (PREFIX + key).getBytes(StandardCharsets.UTF_8);
  }
}
