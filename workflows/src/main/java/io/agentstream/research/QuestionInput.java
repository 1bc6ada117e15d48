package io.agentstream.research;

/** Input of the clarify step. */
public record QuestionInput(String stepId, String question) {}
