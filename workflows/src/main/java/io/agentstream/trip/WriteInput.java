package io.agentstream.trip;

import java.util.List;
import java.util.Map;

/**
 * Input of the writing steps (plan and summarize).
 *
 * @param stepId the step, for the stream
 * @param request the traveller's request
 * @param answers answers to the clarifying questions
 * @param places the chosen places
 * @param itinerary the itinerary written so far (summarize only)
 */
public record WriteInput(
    String stepId,
    String request,
    Map<String, String> answers,
    List<Place> places,
    String itinerary) {}
