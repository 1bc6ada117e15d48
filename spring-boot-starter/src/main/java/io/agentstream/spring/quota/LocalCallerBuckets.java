package io.agentstream.spring.quota;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Buckets of one JVM: right for {@code stream=memory}, where there is one API node. */
final class LocalCallerBuckets implements CallerBuckets {

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  @Override
  public ConsumptionProbe tryConsume(String key, BucketConfiguration config) {
    return bucket(key, config).tryConsumeAndReturnRemaining(1);
  }

  @Override
  public void giveBack(String key, BucketConfiguration config) {
    bucket(key, config).addTokens(1);
  }

  private Bucket bucket(String key, BucketConfiguration config) {
    return buckets.computeIfAbsent(
        key,
        k -> {
          var builder = Bucket.builder();
          for (Bandwidth limit : config.getBandwidths()) {
            builder.addLimit(limit);
          }
          return builder.build();
        });
  }
}
