package io.agentstream.research;

/** Input of the deep-research agent: the question to research, in the asker's own words. */
public record DeepResearchRequest(String question) {}
