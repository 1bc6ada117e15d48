package io.agentstream.research;

/**
 * A passage of the collection a research step found: the {@code item} of its {@code step.data}
 * event, streamed the moment a search returns it.
 *
 * @param documentId the document it is in
 * @param title the document's title
 * @param section the section (heading) it is under; {@code read(documentId, section)} returns it
 * @param score how close it is to the search's query (cosine similarity, 0 to 1)
 * @param excerpt the start of the passage
 */
public record Source(
    String documentId, String title, String section, double score, String excerpt) {

  /** What identifies a source across searches and steps: its document and section. */
  public String key() {
    return documentId + "#" + section;
  }
}
