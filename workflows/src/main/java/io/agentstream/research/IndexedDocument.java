package io.agentstream.research;

/**
 * One document of the collection, in the index: the {@code item} of the index step's {@code
 * step.data} events, which say how far indexing is ({@code done} of {@code total} documents).
 *
 * @param documentId the document's id (its file name without extension)
 * @param title its title
 * @param sections how many passages of it are in the index
 * @param done documents in the index once this one is, counting it
 * @param total documents in the collection
 * @param embedded true when this step embedded it, false when a saved index already held it
 */
public record IndexedDocument(
    String documentId, String title, int sections, int done, int total, boolean embedded) {}
