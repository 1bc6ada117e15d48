package io.agentstream.research;

import io.agentstream.protocol.StopReason;
import io.agentstream.protocol.TokenUsage;
import java.util.List;
import java.util.Map;

/**
 * The deep-research agent's final result.
 *
 * @param question what was asked
 * @param answers answers in effect (given or defaulted)
 * @param subQuestions the plan
 * @param sources every source found, numbered as the report cites them
 * @param report the report, citing sources as {@code [n]}
 * @param summary a few lines
 * @param cutShortSteps steps finish-now stopped early
 * @param skippedSteps steps finish-now skipped (or sub-question slots the plan left unused)
 * @param usage the tokens the run used, every step and attempt included
 * @param stopReason why the run stopped early, or null
 */
public record DeepResearchResult(
    String question,
    Map<String, String> answers,
    List<String> subQuestions,
    List<CitedSource> sources,
    String report,
    String summary,
    List<String> cutShortSteps,
    List<String> skippedSteps,
    TokenUsage usage,
    StopReason stopReason) {}
