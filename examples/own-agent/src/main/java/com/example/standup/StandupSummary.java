package com.example.standup;

/**
 * The run's result.
 *
 * @param summary the stand-up summary
 * @param cutShort true when finish-now stopped it early
 */
public record StandupSummary(String summary, boolean cutShort) {}
