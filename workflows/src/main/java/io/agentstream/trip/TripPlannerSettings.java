package io.agentstream.trip;

import java.time.Duration;

/**
 * Tunables of the trip planner, handed to the workflow by the worker wiring.
 *
 * @param answerTimeout how long to wait for answers before using the stated defaults
 * @param placesPerCategory how many restaurants and attractions to recommend
 */
public record TripPlannerSettings(Duration answerTimeout, int placesPerCategory) {}
