package io.agentstream.trip;

import java.util.Map;

/**
 * Input of a research step.
 *
 * @param stepId the step, for the stream
 * @param category {@code restaurant} or {@code attraction}
 * @param request the traveller's request
 * @param answers answers to the clarifying questions
 * @param limit how many places to recommend
 */
public record ResearchInput(
    String stepId, String category, String request, Map<String, String> answers, int limit) {}
