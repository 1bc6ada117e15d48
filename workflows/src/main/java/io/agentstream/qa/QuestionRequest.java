package io.agentstream.qa;

/** Input of the question-answer agent. */
public record QuestionRequest(String question) {}
