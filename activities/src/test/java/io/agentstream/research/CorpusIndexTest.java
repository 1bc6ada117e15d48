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
}
