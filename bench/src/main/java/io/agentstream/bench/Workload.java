package io.agentstream.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** One run of a mode: submit (or open) it, follow it with some clients, record what they saw. */
interface Workload {

  /**
   * @param question unique per run, so the model's emissions for it are this run's
   * @param clients clients following the run (fan-out when more than one)
   */
  void run(String question, int clients, PhaseRecorder recorder) throws Exception;

  /**
   * Runs {@code count} client readers in parallel (the last on the calling thread) and returns
   * their timelines.
   */
  static List<TokenTimeline> inParallel(int count, IntFunction<TokenTimeline> client)
      throws InterruptedException {
    List<TokenTimeline> timelines = new ArrayList<>();
    TokenTimeline[] results = new TokenTimeline[count];
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < count - 1; i++) {
      int index = i;
      Thread thread = new Thread(() -> results[index] = client.apply(index), "bench-client");
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
    results[count - 1] = client.apply(count - 1);
    for (Thread thread : threads) {
      thread.join();
    }
    for (TokenTimeline timeline : results) {
      timelines.add(timeline);
    }
    return timelines;
  }
}
