package io.agentstream.research;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One line of the {@link IndexJournal}: a document and every passage of it with its embedding, so
 * that a line read back whole is the whole document, and a torn line is no document at all.
 *
 * @param documentId the document's id
 * @param passages its passages, in the order they were embedded
 */
record JournalEntry(String documentId, List<Passage> passages) {

  /**
   * A passage as the embedding store holds it.
   *
   * @param id its id in the store ({@code documentId#n})
   * @param text the text that was embedded
   * @param metadata the segment's metadata ({@link CorpusIndex#DOCUMENT_ID}, {@link
   *     CorpusIndex#SECTION})
   * @param vector its embedding
   */
  record Passage(String id, String text, Map<String, Object> metadata, float[] vector) {}

  JournalEntry {
    passages = List.copyOf(passages);
  }

  /** The entry of a document's passages, zipped by position. */
  static JournalEntry of(
      String documentId, List<String> ids, List<TextSegment> segments, List<Embedding> embeddings) {
    List<Passage> passages = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      passages.add(
          new Passage(
              ids.get(i),
              segments.get(i).text(),
              segments.get(i).metadata().toMap(),
              embeddings.get(i).vector()));
    }
    return new JournalEntry(documentId, passages);
  }

  List<String> ids() {
    return passages.stream().map(Passage::id).toList();
  }

  List<TextSegment> segments() {
    return passages.stream()
        .map(p -> TextSegment.from(p.text(), Metadata.from(p.metadata())))
        .toList();
  }

  List<Embedding> embeddings() {
    return passages.stream().map(p -> Embedding.from(p.vector())).toList();
  }
}
