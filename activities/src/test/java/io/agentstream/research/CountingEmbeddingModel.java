package io.agentstream.research;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real all-MiniLM-L6-v2 model, counting what it embeds; it can be told to fail its n-th batch
 * once, the way a worker dies in the middle of indexing.
 */
final class CountingEmbeddingModel implements EmbeddingModel {

  private final EmbeddingModel real = ResearchLibrary.miniLm();
  private final AtomicInteger batches = new AtomicInteger();
  private final AtomicInteger segments = new AtomicInteger();
  private final AtomicInteger queries = new AtomicInteger();
  private volatile int failBatch = -1;
  private volatile int failQuery = -1;

  /** The {@code n}-th batch from now (1-based) throws instead of embedding, once. */
  void failBatch(int n) {
    failBatch = batches.get() + n;
  }

  /** The {@code n}-th search query from now (1-based) throws instead of embedding, once. */
  void failQuery(int n) {
    failQuery = queries.get() + n;
  }

  @Override
  public Response<List<Embedding>> embedAll(List<TextSegment> textSegments) {
    if (textSegments.size() == 1 && textSegments.get(0).metadata().toMap().isEmpty()) {
      if (queries.incrementAndGet() == failQuery) {
        failQuery = -1;
        throw new IllegalStateException("simulated crash while embedding a search query");
      }
      return real.embedAll(textSegments);
    }
    int batch = batches.incrementAndGet();
    if (batch == failBatch) {
      failBatch = -1;
      throw new IllegalStateException("simulated crash while embedding batch " + batch);
    }
    Response<List<Embedding>> response = real.embedAll(textSegments);
    segments.addAndGet(textSegments.size());
    return response;
  }

  @Override
  public int dimension() {
    return real.dimension();
  }

  /** Document batches embedded (one per document). */
  int batches() {
    return batches.get();
  }

  /** Passages embedded. */
  int segments() {
    return segments.get();
  }

  /** Search queries embedded. */
  int queries() {
    return queries.get();
  }
}
