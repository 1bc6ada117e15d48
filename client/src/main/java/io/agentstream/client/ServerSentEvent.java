package io.agentstream.client;

/**
 * One event as read off a {@code text/event-stream}.
 *
 * @param id the {@code id:} line, or null
 * @param name the {@code event:} line, or {@code message} when there is none
 * @param data the {@code data:} lines joined by line breaks
 */
public record ServerSentEvent(String id, String name, String data) {}
