package io.agentstream.research;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embeddings of a {@link Corpus}: langchain4j's {@link InMemoryEmbeddingStore}, saved to {@code
 * <index root>/<corpus fingerprint>/embeddings.json} after every document, with {@code
 * documents.txt} listing the documents it holds. The files are replaced atomically, store first, so
 * the list never names a document whose embeddings are not saved. A restart, or a second worker
 * sharing the folder, loads them instead of embedding again, and indexing that was interrupted goes
 * on with the documents the list does not name. A changed collection has another fingerprint, so
 * another folder: an index never mixes two versions of a document.
 *
 * <p>Thread-safe: searches run while documents are added.
 */
public final class CorpusIndex {

  private static final Logger log = LoggerFactory.getLogger(CorpusIndex.class);

  static final String EMBEDDINGS = "embeddings.json";
  static final String DOCUMENTS = "documents.txt";

  /** Metadata keys of each embedded passage. */
  static final String DOCUMENT_ID = "documentId";

  static final String SECTION = "section";

  private final Corpus corpus;
  private final Path dir;
  private final EmbeddingModel model;
  private final Set<String> indexed = new LinkedHashSet<>();
  private InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();

  private CorpusIndex(Corpus corpus, Path dir, EmbeddingModel model) {
    this.corpus = corpus;
    this.dir = dir;
    this.model = model;
  }

  /** The saved index of this corpus under {@code root}, as far as it got; empty when none. */
  static CorpusIndex open(Corpus corpus, Path root, EmbeddingModel model) {
    CorpusIndex index =
        new CorpusIndex(corpus, root.resolve(corpus.fingerprint().substring(0, 16)), model);
    index.load();
    return index;
  }

  private void load() {
    Path embeddings = dir.resolve(EMBEDDINGS);
    Path documents = dir.resolve(DOCUMENTS);
    if (!Files.isRegularFile(embeddings) || !Files.isRegularFile(documents)) {
      return;
    }
    try {
      store = InMemoryEmbeddingStore.fromFile(embeddings);
      for (String id : Files.readAllLines(documents, StandardCharsets.UTF_8)) {
        if (!id.isBlank() && corpus.document(id.strip()).isPresent()) {
          indexed.add(id.strip());
        }
      }
      log.info(
          "Research index: loaded {} of {} documents from {}",
          indexed.size(),
          corpus.documents().size(),
          dir);
    } catch (IOException | RuntimeException e) {
      log.warn("Research index at {} cannot be read ({}); indexing again", dir, e.toString());
      store = new InMemoryEmbeddingStore<>();
      indexed.clear();
    }
  }

  /** Where the index files are. */
  public Path dir() {
    return dir;
  }

  synchronized boolean contains(String documentId) {
    return indexed.contains(documentId);
  }

  /** How many documents are in the index. */
  public synchronized int size() {
    return indexed.size();
  }

  synchronized boolean isComplete() {
    return indexed.size() == corpus.documents().size();
  }

  /**
   * Embeds a document's sections in one batch, adds them and saves the index; nothing when it is
   * already in.
   *
   * @return true when it was embedded now
   */
  boolean add(CorpusDocument document) {
    if (contains(document.id())) {
      return false;
    }
    List<TextSegment> segments = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < document.sections().size(); i++) {
      DocumentSection section = document.sections().get(i);
      segments.add(
          TextSegment.from(
              document.title() + "\n" + section.name() + "\n" + section.text(),
              new Metadata().put(DOCUMENT_ID, document.id()).put(SECTION, section.name())));
      ids.add(document.id() + "#" + i);
    }
    List<Embedding> embeddings =
        segments.isEmpty() ? List.of() : model.embedAll(segments).content();
    synchronized (this) {
      if (indexed.contains(document.id())) {
        return false;
      }
      if (!ids.isEmpty()) {
        // Left in the saved store by an attempt that died before its document list was saved.
        store.removeAll(ids);
        store.addAll(ids, embeddings, segments);
      }
      indexed.add(document.id());
      save();
    }
    return true;
  }

  /** The passages closest to {@code query}, best first. */
  List<Source> search(String query, int maxResults) {
    Embedding embedded = model.embed(query).content();
    List<EmbeddingMatch<TextSegment>> matches;
    synchronized (this) {
      matches =
          store
              .search(
                  EmbeddingSearchRequest.builder()
                      .queryEmbedding(embedded)
                      .maxResults(maxResults)
                      .build())
              .matches();
    }
    List<Source> sources = new ArrayList<>();
    for (EmbeddingMatch<TextSegment> match : matches) {
      String documentId = match.embedded().metadata().getString(DOCUMENT_ID);
      String sectionName = match.embedded().metadata().getString(SECTION);
      Optional<CorpusDocument> document = corpus.document(documentId);
      Optional<DocumentSection> section = document.flatMap(d -> d.section(sectionName));
      if (section.isPresent()) {
        sources.add(
            new Source(
                documentId,
                document.get().title(),
                sectionName,
                Math.round(match.score() * 1000) / 1000.0,
                excerpt(section.get().text())));
      }
    }
    return sources;
  }

  static String excerpt(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    if (flat.length() <= 240) {
      return flat;
    }
    int cut = flat.lastIndexOf(' ', 240);
    return flat.substring(0, cut > 0 ? cut : 240) + " …";
  }

  private void save() {
    try {
      Files.createDirectories(dir);
      replace(dir.resolve(EMBEDDINGS), store.serializeToJson());
      replace(dir.resolve(DOCUMENTS), String.join("\n", indexed) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the research index in " + dir, e);
    }
  }

  private static void replace(Path file, String content) throws IOException {
    Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    Files.writeString(temp, content, StandardCharsets.UTF_8);
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
