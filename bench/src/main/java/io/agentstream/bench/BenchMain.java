package io.agentstream.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar bench/target/agentstream-bench.jar [--quick] [--out DIR] [--rate TOKENS_PER_S]
 * [--words ANSWER_WORDS] [--redis URL]}, or {@code --hold [CALLERS] [SECONDS]}: runs the benchmark,
 * prints the table and writes results.csv, results.json and latency.png (default directory
 * bench/results when run from the repository root).
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    BenchConfig config = BenchConfig.full();
    Path out =
        Files.isDirectory(Path.of("bench")) ? Path.of("bench", "results") : Path.of("results");
    if (args.length > 0 && args[0].equals("--hold")) {
      hold(args, out);
      return;
    }
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> config = BenchConfig.quick().withRedisUrl(config.redisUrl());
        case "--smoke" -> config = BenchConfig.smoke().withRedisUrl(config.redisUrl());
        case "--out" -> out = Path.of(args[++i]);
        case "--rate" -> config = config.withTokensPerSecond(Double.parseDouble(args[++i]));
        case "--words" -> config = config.withAnswerWords(Integer.parseInt(args[++i]));
        case "--redis" -> config = config.withRedisUrl(args[++i]);
        // For investigations (e.g. under JFR): one mode, one load, no ramp or trips.
        case "--modes" -> config = config.withModes(List.of(args[++i].split(",")));
        case "--loads" ->
            config =
                config.withLoads(
                    Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList(),
                    Integer.parseInt(args[++i]),
                    0);
        case "--no-ramp" -> config = config.withoutRampAndTrips();
        case "-h", "--help" -> {
          System.out.println(
              "usage: java -jar agentstream-bench.jar [--quick] [--out DIR] [--rate TOKENS_PER_S] [--words N]"
                  + " [--redis redis://127.0.0.1:6379]\n  investigations: [--modes direct,agentstream-memory,polling,"
                  + "agentstream-redis] [--loads 50,200 SECONDS_EACH] [--no-ramp]");
          return;
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    BenchReport report = run(config, out);
    System.out.println(report.table());
    System.out.println("Wrote " + out.resolve("results.csv") + ", results.json, latency.png");
    System.exit(report.allClean() ? 0 : 1);
  }

  /** {@code --hold [CALLERS] [SECONDS]}: the idle-stream hold of {@link HoldBench}. */
  private static void hold(String[] args, Path out) throws Exception {
    int callers = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss");
    HoldBench.Result result =
        new HoldBench(
                callers,
                seconds,
                line -> System.out.println("[hold " + LocalTime.now().format(clock) + "] " + line))
            .run(out);
    System.out.println(result.table());
    System.out.println("Wrote " + out.resolve("hold.json"));
    // The app's non-daemon threads would keep the JVM up; the code says whether the hold held.
    System.exit(result.clean() ? 0 : 1);
  }

  /** Runs a bench and writes its files to {@code out}. */
  static BenchReport run(BenchConfig config, Path out) throws Exception {
    System.setProperty("java.awt.headless", "true");
    DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss");
    BenchReport report =
        new Bench(
                config,
                line -> System.out.println("[bench " + LocalTime.now().format(clock) + "] " + line))
            .run();
    Files.createDirectories(out);
    report.writeCsv(out.resolve("results.csv"));
    report.writeJson(out.resolve("results.json"));
    LatencyChart.write(report, out.resolve("latency.png"));
    return report;
  }
}
