package io.agentstream.research;

import java.time.Duration;

/**
 * Tunables of the deep-research agent, handed to the workflow by the worker wiring.
 *
 * @param answerTimeout how long to wait for answers to the clarifying questions before using their
 *     defaults
 * @param subQuestions how many sub-questions the plan has, each researched by its own step in
 *     parallel (the steps are planned up front, so clients see them from the first event)
 * @param sourcesPerSearch how many passages one {@code search} call returns
 */
public record DeepResearchSettings(Duration answerTimeout, int subQuestions, int sourcesPerSearch) {

  public DeepResearchSettings {
    if (subQuestions < 1) {
      throw new IllegalArgumentException("subQuestions must be at least 1: " + subQuestions);
    }
    if (sourcesPerSearch < 1) {
      throw new IllegalArgumentException(
          "sourcesPerSearch must be at least 1: " + sourcesPerSearch);
    }
  }
}
