package com.example.standup;

/** The run's input, {@code {"updates": "..."}}: everyone's updates, pasted. */
public record StandupRequest(String updates) {}
