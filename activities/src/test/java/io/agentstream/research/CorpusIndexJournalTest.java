package io.agentstream.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index saved as a journal of documents, one line each, with the real embedding model: it is
 * reloaded instead of embedded again, a line torn by a crash costs only its own document, and the
 * snapshot earlier versions wrote still loads.
 */
class CorpusIndexJournalTest {

  private static final Map<String, String> DOCUMENTS =
      Map.of(
          "espresso.md",
              "# Espresso\n\n## Descaling\n\nThe espresso machine is descaled on Fridays.",
          "payroll.md", "# Payroll\n\nSalaries are paid on the 25th of each month.",
          "bikes.md", "# Bike storage\n\nBikes go in the basement rack; the code changes monthly.",
          "printers.txt", "Printers\n\nThe printer on floor two jams with thick paper.",
          "holidays.md", "# Holidays\n\nThe office is closed between Christmas and New Year.",
          "parking.md", "# Parking\n\nVisitors park in the spaces marked with a blue V.");

  private static final List<String> QUERIES =
      List.of(
          "when are salaries paid",
          "where do I leave my bicycle",
          "is the office open at new year",
          "descaling the coffee machine");

  @TempDir Path folder;
  @TempDir Path indexRoot;

  private Corpus corpus;

  @BeforeEach
  void writeCorpus() throws Exception {
    for (Map.Entry<String, String> document : DOCUMENTS.entrySet()) {
      Files.writeString(folder.resolve(document.getKey()), document.getValue());
    }
    corpus = Corpus.folder(folder);
  }

  @Test
  void documentsAddedOneByOneAreJournaledAndReloadedWithTheSameAnswers() throws Exception {
    List<CorpusDocument> documents = corpus.documents();
    CorpusIndex index = CorpusIndex.open(corpus, indexRoot, new CountingEmbeddingModel());
    documents.subList(0, documents.size() - 1).forEach(index::add);

    // One line per document, and no snapshot rewritten after each one.
    assertThat(Files.readAllLines(journal(index))).hasSize(documents.size() - 1);
    assertThat(index.dir().resolve(CorpusIndex.EMBEDDINGS)).doesNotExist();
    List<List<Source>> answers = QUERIES.stream().map(q -> index.search(q, 2)).toList();

    CountingEmbeddingModel second = new CountingEmbeddingModel();
    CorpusIndex reopened = CorpusIndex.open(corpus, indexRoot, second);
    assertThat(reopened.size()).isEqualTo(documents.size() - 1);
    assertThat(QUERIES.stream().map(q -> reopened.search(q, 2)).toList()).isEqualTo(answers);
    documents.forEach(reopened::add);
    assertThat(second.batches()).isOne();

    // The document that completed the index compacted the journal into a snapshot.
    assertThat(journal(reopened)).doesNotExist();
    assertThat(reopened.dir().resolve(CorpusIndex.EMBEDDINGS)).exists();
    List<List<Source>> complete = QUERIES.stream().map(q -> reopened.search(q, 2)).toList();
    assertThat(complete.get(2)).first().extracting(Source::documentId).isEqualTo("holidays");

    CountingEmbeddingModel third = new CountingEmbeddingModel();
    CorpusIndex fromSnapshot = CorpusIndex.open(corpus, indexRoot, third);
    assertThat(fromSnapshot.isComplete()).isTrue();
    documents.forEach(fromSnapshot::add);
    assertThat(third.segments()).isZero();
    assertThat(QUERIES.stream().map(q -> fromSnapshot.search(q, 2)).toList()).isEqualTo(complete);
  }

  @Test
  void tornLastLineLoadsTheWholeDocumentsAndOnlyTheTornOneIsEmbeddedAgain() throws Exception {
    List<CorpusDocument> documents = corpus.documents();
    CorpusIndex index = CorpusIndex.open(corpus, indexRoot, new CountingEmbeddingModel());
    documents.subList(0, 4).forEach(index::add);
    // A crash in the middle of appending the fourth document's line.
    try (FileChannel channel = FileChannel.open(journal(index), StandardOpenOption.WRITE)) {
      channel.truncate(channel.size() - 500);
    }

    CountingEmbeddingModel second = new CountingEmbeddingModel();
    CorpusIndex reopened = CorpusIndex.open(corpus, indexRoot, second);
    assertThat(reopened.size()).isEqualTo(3);
    assertThat(reopened.contains(documents.get(3).id())).isFalse();
    documents.subList(0, 4).forEach(reopened::add);
    assertThat(second.batches()).isOne();

    // The torn fragment was ended before the new line, which is whole.
    IndexJournal.Replay replay = new IndexJournal(reopened.dir()).read();
    assertThat(replay.unreadable()).isOne();
    assertThat(replay.entries())
        .extracting(JournalEntry::documentId)
        .containsExactlyElementsOf(
            documents.subList(0, 4).stream().map(CorpusDocument::id).toList());
    CountingEmbeddingModel third = new CountingEmbeddingModel();
    assertThat(CorpusIndex.open(corpus, indexRoot, third).size()).isEqualTo(4);
    assertThat(third.segments()).isZero();
  }

  @Test
  void snapshotOfAnEarlierVersionLoadsAndTheRestGoesToTheJournal() throws Exception {
    List<CorpusDocument> documents = corpus.documents();
    CorpusIndex index = CorpusIndex.open(corpus, indexRoot, new CountingEmbeddingModel());
    documents.forEach(index::add);
    // What an earlier version left when it stopped before the last document: embeddings.json and
    // documents.txt (the format the snapshot still has), no journal.
    String last = documents.get(documents.size() - 1).id();
    Path list = index.dir().resolve(CorpusIndex.DOCUMENTS);
    Files.writeString(
        list,
        String.join(
                "\n",
                documents.stream().map(CorpusDocument::id).filter(id -> !id.equals(last)).toList())
            + "\n",
        StandardCharsets.UTF_8);
    assertThat(journal(index)).doesNotExist();

    CountingEmbeddingModel second = new CountingEmbeddingModel();
    CorpusIndex reopened = CorpusIndex.open(corpus, indexRoot, second);
    assertThat(reopened.size()).isEqualTo(documents.size() - 1);
    documents.forEach(reopened::add);
    assertThat(second.batches()).isOne();
    assertThat(Files.readAllLines(list)).hasSize(documents.size()).contains(last);
    assertThat(reopened.search("where do visitors park", 1))
        .singleElement()
        .extracting(Source::documentId)
        .isEqualTo("parking");
  }

  private static Path journal(CorpusIndex index) {
    return index.dir().resolve(IndexJournal.FILE);
  }
}
