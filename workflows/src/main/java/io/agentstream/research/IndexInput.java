package io.agentstream.research;

/** Input of the index step. */
public record IndexInput(String stepId) {}
