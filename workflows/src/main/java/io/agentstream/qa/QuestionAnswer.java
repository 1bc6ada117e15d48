package io.agentstream.qa;

/**
 * The question-answer agent's result.
 *
 * @param question what was asked
 * @param answer the streamed answer
 * @param cutShort true when finish-now stopped it early
 */
public record QuestionAnswer(String question, String answer, boolean cutShort) {}
