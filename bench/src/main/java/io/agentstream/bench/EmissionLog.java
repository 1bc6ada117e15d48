package io.agentstream.bench;

import io.agentstream.llm.simulator.TokenEmissionListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When the simulated model emitted each token, per request: the bench's side of the simulator's
 * emission hook. A request is identified by its task and first user message, which the bench makes
 * unique per run ("Question 17 of batch memory-200: ..."), so (run, index) finds a token's
 * emission.
 *
 * <p>A retried step calls the model again with the same first user message (a continuation after
 * its checkpoint, or a fresh start), possibly while the stale attempt is still streaming. Each call
 * streams on its own simulator thread and starts at index 0, so calls are told apart by thread and
 * index 0.
 */
final class EmissionLog implements TokenEmissionListener {

  /** One token as the model emitted it. */
  record Emission(String token, long nanoTime) {}

  /**
   * The model's tokens matched to positions of a step's final text.
   *
   * @param ends end offset of each matched token in the final text, ascending
   * @param emitted emission time of each matched token
   * @param unmatched tokens of the final text no emission could be matched to (retries only)
   * @param calls model calls made for the step (1 without retries)
   * @param consistent whether the final text is exactly what the model emitted
   */
  record Matched(int[] ends, long[] emitted, int unmatched, int calls, boolean consistent) {}

  /** Everything one request streamed, one list per model call, in call order. */
  static final class Stream {
    private final List<List<Emission>> calls = new ArrayList<>();
    private final Map<Thread, List<Emission>> current = new HashMap<>();

    synchronized void add(int index, String token, long nanoTime) {
      Thread thread = Thread.currentThread();
      List<Emission> call = current.get(thread);
      if (index == 0 || call == null) {
        call = new ArrayList<>();
        calls.add(call);
        current.put(thread, call);
      }
      call.add(new Emission(token, nanoTime));
    }

    synchronized int calls() {
      return calls.size();
    }

    /** Tokens of the latest model call (what a client that got nothing has lost). */
    synchronized int lastCallTokens() {
      return calls.isEmpty() ? 0 : calls.get(calls.size() - 1).size();
    }

    /**
     * Matches tokens to {@code finalText}: the last call's tokens end it; the text before them (the
     * checkpoint a retry resumed from) is matched to the first call's tokens.
     */
    synchronized Matched match(String finalText) {
      if (calls.isEmpty()) {
        return new Matched(new int[0], new long[0], 0, 0, finalText.isEmpty());
      }
      List<Emission> last = calls.get(calls.size() - 1);
      String lastText = join(last);
      boolean consistent = finalText.endsWith(lastText);
      int base = Math.max(0, finalText.length() - lastText.length());
      List<int[]> ends = new ArrayList<>();
      List<Long> times = new ArrayList<>();
      int covered = 0;
      if (calls.size() > 1 && base > 0) {
        for (Emission e : calls.get(0)) {
          int end = covered + e.token().length();
          if (end > base || !finalText.startsWith(e.token(), covered)) {
            break;
          }
          ends.add(new int[] {end});
          times.add(e.nanoTime());
          covered = end;
        }
      }
      int unmatched =
          covered < base ? SimulatedTokens.count(finalText.substring(covered, base)) : 0;
      consistent &= calls.size() > 1 || base == 0;
      int offset = base;
      for (Emission e : last) {
        offset += e.token().length();
        ends.add(new int[] {offset});
        times.add(e.nanoTime());
      }
      int[] endArray = new int[ends.size()];
      long[] timeArray = new long[times.size()];
      for (int i = 0; i < endArray.length; i++) {
        endArray[i] = ends.get(i)[0];
        timeArray[i] = times.get(i);
      }
      return new Matched(endArray, timeArray, unmatched, calls.size(), consistent);
    }

    private static String join(List<Emission> tokens) {
      StringBuilder text = new StringBuilder();
      for (Emission e : tokens) {
        text.append(e.token());
      }
      return text.toString();
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
