package io.agentstream.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled collection, parsed, embedded with the real model, saved and loaded again. */
class CorpusIndexTest {

  @TempDir Path indexRoot;

  @Test
  void bundledCollectionHasMarkdownTextAndHtmlDocumentsWithSections() {
    Corpus corpus = Corpus.bundled();

    assertThat(corpus.documentIds())
        .hasSizeBetween(8, 15)
        .contains("event-protocol", "glossary", "temporal-primer", "faq");
    CorpusDocument primer = corpus.document("temporal-primer").orElseThrow();
    assertThat(primer.title()).isEqualTo("Temporal in five minutes, for agentstream users");
    assertThat(primer.sections())
        .extracting(DocumentSection::name)
        .contains("Introduction", "Workflows", "Activities");
    assertThat(primer.section("activities").orElseThrow().text())
        .contains("- The heartbeat timeout notices a dead worker")
        .doesNotContain("<li>");
    assertThat(corpus.document("glossary").orElseThrow().title()).isEqualTo("agentstream glossary");
    assertThat(corpus.documents())
        .allSatisfy(
            d ->
                assertThat(d.sections())
                    .isNotEmpty()
                    .allSatisfy(
                        s ->
                            assertThat(s.text().length())
                                .isLessThanOrEqualTo(DocumentParser.MAX_SECTION)));
  }

  @Test
  void savedIndexIsLoadedInsteadOfEmbeddingAgain() {
    Corpus corpus = Corpus.bundled();
    CountingEmbeddingModel model = new CountingEmbeddingModel();
    long started = System.nanoTime();
    CorpusIndex index = CorpusIndex.open(corpus, indexRoot, model);
    corpus.documents().forEach(index::add);
    long embeddingMillis = (System.nanoTime() - started) / 1_000_000;
    int sections = corpus.documents().stream().mapToInt(d -> d.sections().size()).sum();
    System.out.printf(
        "Embedded %d passages of %d documents in %d ms%n",
        sections, corpus.documents().size(), embeddingMillis);

    assertThat(model.segments()).isEqualTo(sections);
    assertThat(Files.exists(index.dir().resolve(CorpusIndex.EMBEDDINGS))).isTrue();
    List<Source> hits = index.search("What does a heartbeat timeout do?", 4);
    assertThat(hits).hasSize(4);
    assertThat(hits.get(0).score()).isGreaterThanOrEqualTo(hits.get(3).score());

    CountingEmbeddingModel second = new CountingEmbeddingModel();
    CorpusIndex reopened = CorpusIndex.open(corpus, indexRoot, second);
    assertThat(reopened.isComplete()).isTrue();
    corpus.documents().forEach(reopened::add);
    assertThat(second.segments()).isZero();
    assertThat(reopened.search("What does a heartbeat timeout do?", 4)).isEqualTo(hits);
  }

  @Test
  void folderCorpusIsIndexedNextToItselfAndItsIndexIsNotADocument(@TempDir Path folder)
      throws Exception {
    Files.writeString(
        folder.resolve("runbook.md"),
        "# Runbook\n\nIntro text.\n\n## Restart\n\nRestart the worker.\n\n```\n# not a heading\n```\n");
    Files.createDirectories(folder.resolve("notes"));
    Files.writeString(folder.resolve("notes/oncall.txt"), "On call\n\nPage the owner first.");
    Files.writeString(
        folder.resolve("faq.html"),
        "<html><head><title>FAQ</title><script>x()</script></head>"
            + "<body><h2>Why?</h2><p>Because.</p></body></html>");
    Files.writeString(folder.resolve("image.png"), "not a document");

    ResearchLibrary library =
        ResearchLibrary.open(java.util.Optional.of(folder), java.util.Optional.empty());
    Corpus corpus = library.corpus();
    assertThat(corpus.documentIds()).containsExactly("faq", "oncall", "runbook");
    assertThat(corpus.document("runbook").orElseThrow().section("Restart").orElseThrow().text())
        .contains("# not a heading");
    assertThat(corpus.document("faq").orElseThrow().section("Why?").orElseThrow().text())
        .isEqualTo("Because.");
    CorpusIndex index = library.completeIndex();

    assertThat(index.dir()).startsWith(folder.resolve(".agentstream-index"));
    assertThat(Files.exists(index.dir().resolve(CorpusIndex.EMBEDDINGS))).isTrue();
    // The saved index is not read as part of the collection: same documents, same fingerprint.
    Corpus again = Corpus.folder(folder);
    assertThat(again.documentIds()).isEqualTo(corpus.documentIds());
    assertThat(again.fingerprint()).isEqualTo(corpus.fingerprint());
    assertThat(index.search("who do I page when on call", 1))
        .singleElement()
        .satisfies(s -> assertThat(s.documentId()).isEqualTo("oncall"));
  }
}
