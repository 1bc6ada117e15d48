package io.agentstream.stream;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;

/**
 * Where a run's stream stands: what a subscriber's resume point is judged against.
 *
 * @param base the sequence before the run's first event ever, 0 if the run is unknown
 * @param head the last sequence assigned, 0 if the run is unknown
 * @param oldest the oldest retained sequence, 0 if no entry is retained
 */
record StreamPosition(long base, long head, long oldest) {

  private static final LuaScript SCRIPT = LuaScript.load("position.lua", ScriptOutputType.MULTI);

  /** Reads a run's position in one atomic script, so base, head and oldest agree. */
  static StreamPosition read(RedisCommands<String, String> redis, RunKeys keys) {
    List<Object> reply = SCRIPT.run(redis, new String[] {keys.meta(), keys.events()});
    return of(reply);
  }

  private static StreamPosition of(List<Object> reply) {
    return new StreamPosition(number(reply.get(0)), number(reply.get(1)), oldestOf(reply.get(2)));
  }

  boolean isKnown() {
    return head > 0;
  }

  /**
   * Where a subscriber that asks for events after {@code afterSeq} starts, with the same rules as
   * the in-memory channel: exact when nothing after {@code afterSeq} was trimmed and it is not
   * beyond the head, or when it asks for everything and the first event ever is still retained.
   * Otherwise it gets a gap and the oldest retained events. A run Redis does not know is exact only
   * for "everything" (it may not have started yet); a position in it means the stream is gone.
   */
  Start startAfter(long afterSeq) {
    if (!isKnown()) {
      return new Start(afterSeq > 0, 0, false);
    }
    long firstRetained = oldest > 0 ? oldest : head + 1;
    boolean fromStart = afterSeq <= 0 && firstRetained == base + 1;
    boolean exact = afterSeq <= head && (fromStart || afterSeq >= firstRetained - 1);
    if (!exact) {
      return new Start(true, firstRetained - 1, true);
    }
    return new Start(false, fromStart ? base : afterSeq, true);
  }

  /**
   * @param gap the subscriber cannot resume exactly and must resync
   * @param cursor the last sequence it counts as delivered
   * @param anchored true when the next event must be {@code cursor + 1}; false when any event is
   *     next (the run is not known yet, so its first sequence is not either)
   */
  record Start(boolean gap, long cursor, boolean anchored) {}

  private static long number(Object value) {
    String text = value == null ? "" : value.toString();
    return text.isEmpty() ? 0 : Long.parseLong(text);
  }

  private static long oldestOf(Object value) {
    String text = value == null ? "" : value.toString();
    return text.isEmpty() ? 0 : RunKeys.seqOf(text);
  }
}
