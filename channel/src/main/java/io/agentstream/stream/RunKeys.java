package io.agentstream.stream;

/**
 * The Redis names of one run. The run id sits in a {@code {hash tag}} so all of a run's keys land
 * in the same cluster slot and one Lua script may touch them together.
 *
 * @param meta hash: {@code base} (sequence before the first event), {@code seq} (the head), and
 *     {@code ended} once a terminal event was appended
 * @param attempts hash: step id to the highest attempt seen, for fencing
 * @param events the stream; entry ids are {@code <seq>-0}, field {@code e} holds the event JSON
 */
record RunKeys(String meta, String attempts, String events) {

  private static final String PREFIX = "agentstream:run:{";

  static RunKeys of(String runId) {
    String run = PREFIX + runId + "}:";
    return new RunKeys(run + "meta", run + "attempts", run + "events");
  }

  static String entryId(long seq) {
    return seq + "-0";
  }

  static long seqOf(String entryId) {
    int dash = entryId.indexOf('-');
    return Long.parseLong(dash < 0 ? entryId : entryId.substring(0, dash));
  }
}
