package io.agentstream.qa;

import io.agentstream.protocol.StopReason;
import io.agentstream.protocol.TokenUsage;

/**
 * The question-answer agent's result.
 *
 * @param question what was asked
 * @param answer the streamed answer
 * @param cutShort true when finish-now stopped it early
 * @param usage the tokens the run used, every attempt included
 * @param stopReason why the run stopped early, or null
 */
public record QuestionAnswer(
    String question, String answer, boolean cutShort, TokenUsage usage, StopReason stopReason) {}
