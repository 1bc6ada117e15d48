package io.agentstream.research;

/**
 * A source the report may cite, as {@code [n]}: the {@code item} of the report step's {@code
 * step.data} events, its list of references.
 *
 * @param n the citation number
 * @param documentId the document
 * @param title the document's title
 * @param section the section of the document
 * @param excerpt the start of the passage
 */
public record CitedSource(int n, String documentId, String title, String section, String excerpt) {}
