package io.agentstream.research;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the deep-research steps search and read: a {@link Corpus} and its {@link CorpusIndex},
 * opened once per worker (the embedding model and the loaded index are shared by all steps).
 *
 * <p>The index lives in {@code indexRoot}; by default next to a folder corpus, in its {@code
 * .agentstream-index} subfolder, and for the bundled collection in {@code
 * ${java.io.tmpdir}/agentstream-research-index}.
 */
public final class ResearchLibrary {

  private static EmbeddingModel miniLm;

  private final Corpus corpus;
  private final Path indexRoot;
  private final EmbeddingModel model;
  private CorpusIndex index;

  /**
   * @param corpus the documents
   * @param indexRoot where indexes are saved
   * @param model the embedding model (use the same one for every index of a folder)
   */
  public ResearchLibrary(Corpus corpus, Path indexRoot, EmbeddingModel model) {
    this.corpus = corpus;
    this.indexRoot = indexRoot;
    this.model = model;
  }

  /**
   * The library of a corpus folder, or of the bundled collection when {@code corpusFolder} is
   * empty, with all-MiniLM-L6-v2 embeddings computed in process.
   *
   * @param indexRoot where to save the index; empty for the default
   */
  public static ResearchLibrary open(Optional<Path> corpusFolder, Optional<Path> indexRoot) {
    Corpus corpus = corpusFolder.map(Corpus::folder).orElseGet(Corpus::bundled);
    Path root =
        indexRoot.orElseGet(
            () ->
                corpusFolder
                    .map(f -> f.resolve(".agentstream-index"))
                    .orElseGet(
                        () ->
                            Path.of(
                                System.getProperty("java.io.tmpdir"),
                                "agentstream-research-index")));
    return new ResearchLibrary(corpus, root, new LazyMiniLm());
  }

  /**
   * The all-MiniLM-L6-v2 model (ONNX, about 90 MB, loaded once per JVM on first use): 384
   * dimensions, English.
   */
  public static synchronized EmbeddingModel miniLm() {
    if (miniLm == null) {
      miniLm = new AllMiniLmL6V2EmbeddingModel();
    }
    return miniLm;
  }

  /** Loads all-MiniLM-L6-v2 on first use, so a worker that never researches never loads it. */
  private static final class LazyMiniLm implements EmbeddingModel {
    @Override
    public dev.langchain4j.model.output.Response<
            java.util.List<dev.langchain4j.data.embedding.Embedding>>
        embedAll(java.util.List<dev.langchain4j.data.segment.TextSegment> textSegments) {
      return miniLm().embedAll(textSegments);
    }

    @Override
    public int dimension() {
      return miniLm().dimension();
    }
  }

  public Corpus corpus() {
    return corpus;
  }

  /** The index, loaded from its files the first time (as far as they got). */
  public synchronized CorpusIndex index() {
    if (index == null) {
      index = CorpusIndex.open(corpus, indexRoot, model);
    }
    return index;
  }

  /**
   * The index with every document in it: a research step on a worker that did not run the index
   * step and shares no folder with the one that did embeds what is missing first, once for all the
   * steps that ask at the same time.
   */
  synchronized CorpusIndex completeIndex() {
    CorpusIndex loaded = index();
    if (!loaded.isComplete()) {
      corpus.documents().forEach(loaded::add);
    }
    return loaded;
  }
}
