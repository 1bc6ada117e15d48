package io.agentstream.research;

import io.agentstream.run.StepResult;
import java.util.List;

/**
 * Output of the index step.
 *
 * @param documents the collection's documents, in index order, as streamed
 * @param text what the step wrote (one line)
 * @param cutShort true when finish-now stopped indexing before the end
 */
public record IndexResult(List<IndexedDocument> documents, String text, boolean cutShort) {

  public IndexResult {
    documents = documents == null ? List.of() : List.copyOf(documents);
  }

  public StepResult toStepResult() {
    return new StepResult(text, documents, cutShort);
  }
}
