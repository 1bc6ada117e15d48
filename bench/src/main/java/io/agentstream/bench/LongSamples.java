package io.agentstream.bench;

import java.util.Arrays;

/** A growable array of long samples (nanoseconds) with nearest-rank percentiles. Thread-safe. */
final class LongSamples {

  private long[] values = new long[1024];
  private int size;
  private long[] sorted;

  synchronized void add(long value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
    sorted = null;
  }

  synchronized void addAll(LongSamples other) {
    long[] copy;
    int n;
    synchronized (other) {
      copy = other.values;
      n = other.size;
      for (int i = 0; i < n; i++) {
        add(copy[i]);
      }
    }
  }

  synchronized int size() {
    return size;
  }

  /** Nearest-rank percentile, {@code p} in [0, 100]; NaN when empty. */
  synchronized double percentile(double p) {
    if (size == 0) {
      return Double.NaN;
    }
    if (sorted == null) {
      sorted = Arrays.copyOf(values, size);
      Arrays.sort(sorted);
    }
    int rank = (int) Math.ceil(p / 100.0 * size);
    return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
  }

  synchronized double max() {
    return percentile(100);
  }
}
