package io.agentstream.bench;

import io.agentstream.llm.simulator.TokenEmissionListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When the simulated model emitted each token, per request: the bench's side of the simulator's
 * emission hook. A request is identified by its task and first user message, which the bench makes
 * unique per run ("Question 17 of batch memory-200: ..."), so (run, index) finds a token's emission.
 */
final class EmissionLog implements TokenEmissionListener {

  /** One token as the model emitted it. */
  record Emission(String token, long nanoTime) {}

  /** Everything one request streamed, in order; {@code continuations} counts restarts at index 0. */
  static final class Stream {
    private final List<Emission> tokens = new ArrayList<>();
    private int continuations;

    synchronized void add(int index, String token, long nanoTime) {
      if (index == 0 && !tokens.isEmpty()) {
        continuations++;
      }
      tokens.add(new Emission(token, nanoTime));
    }

    synchronized List<Emission> tokens() {
      return List.copyOf(tokens);
    }

    synchronized int continuations() {
      return continuations;
    }
  }

  private final Map<String, Stream> streams = new ConcurrentHashMap<>();

  @Override
  public void onTokenEmitted(String task, String material, int index, String token, long nanoTime) {
    streams.computeIfAbsent(key(task, material), k -> new Stream()).add(index, token, nanoTime);
  }

  /** The request's emissions so far, or an empty stream when it emitted nothing. */
  Stream of(String task, String material) {
    Stream stream = streams.get(key(task, material));
    return stream == null ? new Stream() : stream;
  }

  void forget(String task, String material) {
    streams.remove(key(task, material));
  }

  void clear() {
    streams.clear();
  }

  private static String key(String task, String material) {
    return (task == null ? "" : task) + '\u0000' + material;
  }
}
