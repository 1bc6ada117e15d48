package io.agentstream.llm.simulator;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Deterministic "randomness" for reply wording. Replies must be identical for identical requests
 * (that is what makes resume-by-continuation checkable), yet different requests should not all read
 * the same. So every choice is derived from a hash of the task and the material, never from a clock
 * or an unseeded generator, and the algorithm is spelled out here so it cannot change with the JDK.
 */
final class Variation {

  private long state;

  private Variation(long seed) {
    this.state = seed;
  }

  /** Choices seeded by FNV-1a over {@code task + '\0' + material}. */
  static Variation seededBy(String task, String material) {
    long hash = 0xcbf29ce484222325L;
    byte[] bytes =
        ((task == null ? "" : task) + '\u0000' + material).getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      hash ^= (b & 0xff);
      hash *= 0x100000001b3L;
    }
    return new Variation(hash);
  }

  /** One of {@code options}; each call advances the sequence. */
  <T> T pick(List<T> options) {
    if (options.isEmpty()) {
      throw new IllegalArgumentException("nothing to pick from");
    }
    return options.get(nextIndex(options.size()));
  }

  @SafeVarargs
  final <T> T pick(T... options) {
    return pick(List.of(options));
  }

  /** A number in {@code [0, bound)}. */
  int nextIndex(int bound) {
    return (int) Long.remainderUnsigned(next(), bound);
  }

  /** SplitMix64 step. */
  private long next() {
    state += 0x9e3779b97f4a7c15L;
    long z = state;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
