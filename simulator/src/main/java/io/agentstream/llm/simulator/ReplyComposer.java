package io.agentstream.llm.simulator;

import java.util.Map;

/**
 * Routes a prompt to the reply writer of its task; unknown or missing tasks get a generic
 * paragraph.
 */
final class ReplyComposer {

  private static final Map<String, TaskReply> BY_TASK =
      Map.ofEntries(
          Map.entry("clarify", new ClarifyReply()),
          Map.entry("rank-place", new RankPlaceReply()),
          Map.entry("plan", new PlanReply()),
          Map.entry("summarize", new SummarizeReply()),
          Map.entry("answer", new AnswerReply()),
          Map.entry("action-items", new ActionItemsReply()),
          Map.entry("follow-up", new FollowUpReply()),
          Map.entry("research-clarify", new ResearchClarifyReply()),
          Map.entry("research-plan", new ResearchPlanReply()),
          Map.entry("research-report", new ResearchReportReply()),
          Map.entry("research-summary", new ResearchSummaryReply()));

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
