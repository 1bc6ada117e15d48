package io.agentstream.trip;

/** Input of the trip planner: the traveller's request in their own words. */
public record TripRequest(String request) {}
