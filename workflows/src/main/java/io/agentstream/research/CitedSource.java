package io.agentstream.research;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A source the report may cite, as {@code [n]}: the {@code item} of the report step's {@code
 * step.data} events, its list of references.
 *
 * @param n the citation number
 * @param documentId the document
 * @param title the document's title
 * @param section the section of the document
 * @param excerpt the start of the passage
 */
public record CitedSource(int n, String documentId, String title, String section, String excerpt) {

  /**
   * Every source the research steps found, once each (by document and section), numbered from 1 in
   * the order of the steps and of their sources: the numbers the report cites. Deterministic, so
   * workflow code may call it.
   */
  public static List<CitedSource> numbered(List<Findings> findings) {
    Map<String, CitedSource> byKey = new LinkedHashMap<>();
    for (Findings f : findings) {
      for (Source s : f.sources()) {
        if (!byKey.containsKey(s.key())) {
          byKey.put(
              s.key(),
              new CitedSource(
                  byKey.size() + 1, s.documentId(), s.title(), s.section(), s.excerpt()));
        }
      }
    }
    return List.copyOf(byKey.values());
  }
}
