package io.agentstream.research;

/** What one research step found out, for the report: its sub-question and its notes. */
public record SubQuestionNotes(String subQuestion, String notes) {}
