package io.agentstream.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** The machine a bench ran on, and how busy it was (load average includes other processes). */
record Environment(
    String time,
    int processors,
    String cpuModel,
    double loadAverage1m,
    String loadAverages,
    String javaVersion,
    String javaVm,
    String os,
    long maxHeapMb) {

  static Environment capture() {
    return new Environment(
        Instant.now().toString(),
        Runtime.getRuntime().availableProcessors(),
        readCpuModel(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        read("/proc/loadavg"),
        System.getProperty("java.version"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        Runtime.getRuntime().maxMemory() / 1048576);
  }

  String summary() {
    return String.format(
        "%d cpus (%s), load average %s, Java %s, max heap %d MB",
        processors,
        cpuModel,
        loadAverages.isEmpty() ? String.format("%.2f", loadAverage1m) : loadAverages,
        javaVersion,
        maxHeapMb);
  }

  private static String readCpuModel() {
    for (String line : read("/proc/cpuinfo").split("\n")) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return System.getProperty("os.arch");
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file)).trim();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
