package io.agentstream.trip;

/** Input of the clarify step. */
public record ClarifyInput(String stepId, String request) {}
