package io.agentstream.spring.quota;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Bucket4j buckets by key: in this JVM ({@code stream=memory}), or in Redis ({@code stream=redis})
 * so every API node draws on the same bucket.
 */
interface CallerBuckets {

  /** Takes one token from {@code key}'s bucket, made with {@code config} if new. */
  ConsumptionProbe tryConsume(String key, BucketConfiguration config);

  /** Puts one token back (a stream slot freed); never beyond the bucket's capacity. */
  void giveBack(String key, BucketConfiguration config);
}
