package io.agentstream.llm.simulator;

import java.util.Map;

/**
 * Routes a prompt to the reply writer of its task; unknown or missing tasks get a generic
 * paragraph.
 */
final class ReplyComposer {

  private static final Map<String, TaskReply> BY_TASK =
      Map.of(
          "clarify", new ClarifyReply(),
          "rank-place", new RankPlaceReply(),
          "plan", new PlanReply(),
          "summarize", new SummarizeReply(),
          "answer", new AnswerReply(),
          "action-items", new ActionItemsReply(),
          "follow-up", new FollowUpReply());

  private static final TaskReply GENERIC = new GenericReply();

  private ReplyComposer() {}

  /**
   * The complete reply for this prompt, identical every time the same task and material are given.
   */
  static String fullReplyFor(SimulatedPrompt prompt) {
    TaskReply writer =
        prompt.task() == null ? GENERIC : BY_TASK.getOrDefault(prompt.task(), GENERIC);
    return writer.compose(prompt.material(), Variation.seededBy(prompt.task(), prompt.material()));
  }
}
