package io.agentstream.protocol;

/**
 * A clarifying question the agent asks before it starts working.
 *
 * @param id stable identifier the answer refers to
 * @param text the question shown to the user
 * @param defaultAnswer what the agent assumes when nobody answers in time
 */
public record Question(String id, String text, String defaultAnswer) {}
