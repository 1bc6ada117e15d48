package io.agentstream.qa;

/** Input of the answer step. */
public record AnswerInput(String stepId, String question) {}
