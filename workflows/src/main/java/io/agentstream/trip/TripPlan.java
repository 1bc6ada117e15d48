package io.agentstream.trip;

import java.util.List;
import java.util.Map;

/**
 * The trip planner's final result.
 *
 * @param request what the traveller asked
 * @param answers answers in effect (given or defaulted)
 * @param restaurants restaurants chosen
 * @param attractions attractions chosen
 * @param itinerary day-by-day plan
 * @param summary a few lines
 * @param cutShortSteps steps finish-now stopped early
 * @param skippedSteps steps finish-now skipped
 */
public record TripPlan(
    String request,
    Map<String, String> answers,
    List<Place> restaurants,
    List<Place> attractions,
    String itinerary,
    String summary,
    List<String> cutShortSteps,
    List<String> skippedSteps) {}
