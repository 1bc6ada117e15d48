package io.agentstream.research;

/** Input of the summarize step. */
public record SummaryInput(String stepId, String question, String report) {}
