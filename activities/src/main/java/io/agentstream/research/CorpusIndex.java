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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embeddings of a {@link Corpus}: langchain4j's {@link InMemoryEmbeddingStore}, saved in {@code
 * <index root>/<corpus fingerprint>/} as a snapshot ({@code embeddings.json}, the store, and {@code
 * documents.txt}, the documents it holds) and a journal of the documents added since ({@link
 * IndexJournal}: one line per document, appended and forced to disk when it is embedded). Saving a
 * document therefore writes that document only; rewriting the whole store after each one made
 * indexing a large folder quadratic.
 *
 * <p>The list never names a document whose embeddings are not saved: a journal line carries both
 * and counts only when it is whole, and a snapshot is replaced atomically, store first. Loading
 * reads the snapshot, then replays the journal, ignoring a line torn by a crash (that document is
 * embedded again). A restart, or a second worker sharing the folder, loads them instead of
 * embedding again, and indexing that was interrupted goes on with the documents neither names. Once
 * every document is in, the journal is compacted into a new snapshot and removed; this is safe
 * against other workers still appending, since all they can append then is a document the snapshot
 * already holds. An index saved by earlier versions (a snapshot, no journal) loads as it is.
 *
 * <p>A changed collection has another fingerprint, so another folder: an index never mixes two
 * versions of a document.
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
  private final IndexJournal journal;
  private final Set<String> indexed = new LinkedHashSet<>();
  private InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();

  private CorpusIndex(Corpus corpus, Path dir, EmbeddingModel model) {
    this.corpus = corpus;
    this.dir = dir;
    this.model = model;
    this.journal = new IndexJournal(dir);
  }

  /** The saved index of this corpus under {@code root}, as far as it got; empty when none. */
  static CorpusIndex open(Corpus corpus, Path root, EmbeddingModel model) {
    CorpusIndex index =
        new CorpusIndex(corpus, root.resolve(corpus.fingerprint().substring(0, 16)), model);
    index.load();
    return index;
  }

  private synchronized void load() {
    loadSnapshot();
    int fromSnapshot = indexed.size();
    int fromJournal = replayJournal();
    if (fromSnapshot + fromJournal > 0) {
      log.info(
          "Research index: loaded {} of {} documents from {} ({} from the journal)",
          indexed.size(),
          corpus.documents().size(),
          dir,
          fromJournal);
    }
    if (journal.exists() && isComplete()) {
      compact();
    }
  }

  private void loadSnapshot() {
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
    } catch (IOException | RuntimeException e) {
      log.warn(
          "Research index snapshot at {} cannot be read ({}); indexing again", dir, e.toString());
      store = new InMemoryEmbeddingStore<>();
      indexed.clear();
    }
  }

  /** Adds the journal's documents that the snapshot lacks; returns how many. */
  private int replayJournal() {
    IndexJournal.Replay replay;
    try {
      replay = journal.read();
    } catch (IOException | RuntimeException e) {
      log.warn("Research index journal {} cannot be read ({})", journal.file(), e.toString());
      return 0;
    }
    if (replay.unreadable() > 0) {
      log.warn(
          "Research index journal {}: {} incomplete line(s) ignored, left by a crash while a"
              + " document was being saved; such a document is embedded again unless a later line"
              + " holds it",
          journal.file(),
          replay.unreadable());
    }
    int added = 0;
    for (JournalEntry entry : replay.entries()) {
      if (!indexed.contains(entry.documentId())
          && corpus.document(entry.documentId()).isPresent()) {
        put(entry);
        added++;
      }
    }
    return added;
  }

  /** Puts a document's passages in the store in place of any an earlier attempt left there. */
  private void put(JournalEntry entry) {
    List<String> ids = entry.ids();
    if (!ids.isEmpty()) {
      store.removeAll(ids);
      store.addAll(ids, entry.embeddings(), entry.segments());
    }
    indexed.add(entry.documentId());
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
   * Embeds a document's sections in one batch, appends them to the journal and adds them; nothing
   * when it is already in. The one that completes the index compacts the journal.
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
    JournalEntry entry = JournalEntry.of(document.id(), ids, segments, embeddings);
    synchronized (this) {
      if (indexed.contains(document.id())) {
        return false;
      }
      try {
        // On disk first: a failed write leaves the document out here too, so a retry saves it.
        journal.append(entry);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot save the research index in " + dir, e);
      }
      put(entry);
      if (isComplete()) {
        compact();
      }
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

  /**
   * Writes the store and the list as the new snapshot and removes the journal, once the index is
   * complete. A crash in between leaves the journal, whose replay over the new snapshot changes
   * nothing. A failure is only logged: the journal still holds everything.
   */
  private void compact() {
    try {
      Files.createDirectories(dir);
      replace(dir.resolve(EMBEDDINGS), store.serializeToJson());
      replace(dir.resolve(DOCUMENTS), String.join("\n", indexed) + "\n");
      journal.delete();
      log.info("Research index: {} documents saved as a snapshot in {}", indexed.size(), dir);
    } catch (IOException | RuntimeException e) {
      log.warn("Research index at {}: the journal stays, no snapshot ({})", dir, e.toString());
    }
  }

  /** Replaces {@code file} atomically with {@code content}, forced to disk before the move. */
  private static void replace(Path file, String content) throws IOException {
    Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(false);
    }
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
