package io.agentstream.trip;

import io.agentstream.run.StepState;
import java.util.List;

/** Step ids of the trip planner, also the {@code step} field of its stream events. */
final class TripSteps {
  static final String CLARIFY = "clarify";
  static final String RESTAURANTS = "research-restaurants";
  static final String ATTRACTIONS = "research-attractions";
  static final String PLAN = "plan";
  static final String SUMMARIZE = "summarize";

  static List<StepState> planned() {
    return List.of(
        StepState.pending(CLARIFY, "Clarify the request"),
        StepState.pending(RESTAURANTS, "Research restaurants"),
        StepState.pending(ATTRACTIONS, "Research attractions"),
        StepState.pending(PLAN, "Plan the itinerary"),
        StepState.pending(SUMMARIZE, "Summarize"));
  }

  private TripSteps() {}
}
