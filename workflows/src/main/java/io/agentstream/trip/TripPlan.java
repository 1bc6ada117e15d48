package io.agentstream.trip;

import io.agentstream.protocol.StopReason;
import io.agentstream.protocol.TokenUsage;
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
 * @param skippedSteps steps finish-now (or the token budget) skipped
 * @param usage the tokens the run used, every step and attempt included
 * @param stopReason why the run stopped early, or null
 */
public record TripPlan(
    String request,
    Map<String, String> answers,
    List<Place> restaurants,
    List<Place> attractions,
    String itinerary,
    String summary,
    List<String> cutShortSteps,
    List<String> skippedSteps,
    TokenUsage usage,
    StopReason stopReason) {}
