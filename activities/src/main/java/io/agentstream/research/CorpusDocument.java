package io.agentstream.research;

import java.util.List;
import java.util.Optional;

/**
 * One document of the research collection, split into sections.
 *
 * @param id its id: the file name without its extension ({@code event-protocol})
 * @param title its first heading, or its id
 * @param hash SHA-256 of its bytes, so an index knows when it changed
 * @param sections its passages, in document order
 */
record CorpusDocument(String id, String title, String hash, List<DocumentSection> sections) {

  CorpusDocument {
    sections = List.copyOf(sections);
  }

  Optional<DocumentSection> section(String name) {
    return sections.stream().filter(s -> s.name().equalsIgnoreCase(name.strip())).findFirst();
  }
}
