package io.agentstream.research;

import java.util.Map;

/**
 * Input of one research step.
 *
 * @param question the whole research question
 * @param subQuestion the part this step researches
 * @param answers answers to the clarifying questions
 * @param sourcesPerSearch how many passages one search returns
 */
public record SubQuestionInput(
    String stepId,
    String question,
    String subQuestion,
    Map<String, String> answers,
    int sourcesPerSearch) {}
