package io.agentstream.llm.simulator;

/**
 * Writes the full reply of one task for a given material. Must be a pure function of its inputs.
 */
interface TaskReply {

  /**
   * @param material the first user message of the request
   * @param variation choices seeded from the task and material, for wording that varies between
   *     requests but never between repeats of one request
   */
  String compose(String material, Variation variation);
}
