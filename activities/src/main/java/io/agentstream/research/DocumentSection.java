package io.agentstream.research;

/**
 * One passage of a document: what is embedded, found by {@code search} and returned by {@code
 * read}.
 *
 * @param name the section's name, unique in its document: the heading it is under ({@code
 *     "Install"}), with {@code " (2)"} for a repeated heading and {@code " (part 2)"} for the
 *     second part of a long section
 * @param text the passage's text
 */
record DocumentSection(String name, String text) {}
