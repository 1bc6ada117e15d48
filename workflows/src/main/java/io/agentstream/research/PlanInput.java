package io.agentstream.research;

import java.util.Map;

/**
 * Input of the plan step.
 *
 * @param subQuestions how many sub-questions to plan
 */
public record PlanInput(
    String stepId, String question, Map<String, String> answers, int subQuestions) {}
