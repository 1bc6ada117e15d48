package io.agentstream.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * CPU and memory of this JVM (which holds the simulator, the clients, and the app or the direct
 * server) over one phase: process CPU time (OperatingSystemMXBean), peak heap used (sampled every
 * 20 ms) and peak heap still live right after a GC (GC notifications). Optionally Redis's own CPU
 * time ({@code INFO cpu}), which runs in another process.
 */
final class ResourceMeter implements AutoCloseable {

  /** What one phase used. */
  record Usage(
      double cpuSeconds,
      long peakHeapUsedBytes,
      long peakHeapAfterGcBytes,
      double redisCpuSeconds) {}

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final Set<String> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .map(MemoryPoolMXBean::getName)
          .collect(Collectors.toSet());
  private final RedisClient redisClient;
  private final StatefulRedisConnection<String, String> redis;
  private volatile long peakUsed;
  private volatile long peakAfterGc;
  private volatile boolean running;
  private long cpuAtStart;
  private double redisCpuAtStart;
  private Thread sampler;

  /**
   * @param redisUrl Redis whose CPU to count, or null
   */
  ResourceMeter(String redisUrl) {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(
            (notification, handback) -> {
              if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                  notification.getType())) {
                return;
              }
              GarbageCollectionNotificationInfo info =
                  GarbageCollectionNotificationInfo.from(
                      (CompositeData) notification.getUserData());
              long live = 0;
              for (Map.Entry<String, MemoryUsage> pool :
                  info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (heapPools.contains(pool.getKey())) {
                  live += pool.getValue().getUsed();
                }
              }
              if (running && live > peakAfterGc) {
                peakAfterGc = live;
              }
            },
            null,
            null);
      }
    }
    RedisClient client = null;
    StatefulRedisConnection<String, String> connection = null;
    if (redisUrl != null) {
      try {
        client = RedisClient.create(redisUrl);
        connection = client.connect();
      } catch (RuntimeException e) {
        if (client != null) {
          client.shutdown();
        }
        client = null;
      }
    }
    this.redisClient = client;
    this.redis = connection;
  }

  void start() {
    System.gc();
    peakUsed = 0;
    peakAfterGc = 0;
    running = true;
    cpuAtStart = os.getProcessCpuTime();
    redisCpuAtStart = redisCpu();
    sampler =
        new Thread(
            () -> {
              while (running) {
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                if (used > peakUsed) {
                  peakUsed = used;
                }
                try {
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "bench-heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  Usage stop() {
    double cpu = (os.getProcessCpuTime() - cpuAtStart) / 1e9;
    double redisCpu = redisCpu() - redisCpuAtStart;
    running = false;
    sampler.interrupt();
    return new Usage(cpu, peakUsed, peakAfterGc, redisCpu);
  }

  /** Redis's user + system CPU seconds so far, or 0 without Redis. */
  private double redisCpu() {
    if (redis == null) {
      return 0;
    }
    try {
      double total = 0;
      for (String line : redis.sync().info("cpu").split("\r?\n")) {
        if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
          total += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
        }
      }
      return total;
    } catch (RuntimeException e) {
      return 0;
    }
  }

  @Override
  public void close() {
    if (redis != null) {
      redis.close();
    }
    if (redisClient != null) {
      redisClient.shutdown();
    }
  }
}
