package io.agentstream.llm.simulator;

/**
 * Observes every token the simulator streams, at the moment it is written to the client. Optional
 * and for measurement only (the benchmark matches these emission times with client arrival times);
 * it adds nothing to the wire format. See {@link OpenAiSimulator#onTokenEmitted}.
 *
 * <p>Called on the thread streaming the reply, right after the token's chunk was written and
 * flushed, so it must be quick and thread-safe: many streams call it concurrently.
 */
@FunctionalInterface
public interface TokenEmissionListener {

  /**
   * @param task the request's task name in lower case ({@code answer}, {@code plan}, ...), or
   *     {@code null}
   * @param material the request's first user message (the question, for {@code answer})
   * @param index 0-based position of the token in this reply; a continuation starts again at 0
   * @param token the token's text
   * @param nanoTime {@link System#nanoTime()} taken just before the token's chunk was written
   */
  void onTokenEmitted(String task, String material, int index, String token, long nanoTime);
}
