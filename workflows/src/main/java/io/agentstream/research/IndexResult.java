package io.agentstream.research;

import io.agentstream.protocol.TokenUsage;
import io.agentstream.run.StepResult;
import java.util.List;

/**
 * Output of the index step.
 *
 * @param documents the collection's documents, in index order, as streamed
 * @param text what the step wrote (one line)
 * @param cutShort true when finish-now stopped indexing before the end
 */
public record IndexResult(
    List<IndexedDocument> documents, String text, boolean cutShort, TokenUsage usage) {

  public IndexResult {
    documents = documents == null ? List.of() : List.copyOf(documents);
    usage = TokenUsage.orNone(usage);
  }

  /** A result that reports no token usage. */
  public IndexResult(List<IndexedDocument> documents, String text, boolean cutShort) {
    this(documents, text, cutShort, TokenUsage.NONE);
  }

  public StepResult toStepResult() {
    return new StepResult(text, documents, cutShort, List.of(), usage);
  }
}
