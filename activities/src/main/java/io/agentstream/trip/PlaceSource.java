package io.agentstream.trip;

import java.util.List;

/**
 * Where {@code search_places} finds candidates. The trip planner ships two: the bundled catalog
 * ({@link PlaceCatalog}, real places in Hawaii) and the model's own knowledge ({@link
 * ModelPlaceSuggestions}, a structured "suggest candidates" call), combined by {@link
 * PlaceSources#firstWithResults}. A deployment plugs a places or search API in by implementing this
 * and passing it to {@code TripActivitiesImpl}.
 *
 * <p>Called from a research step's activity, so it may do I/O; a failure fails the attempt and
 * Temporal retries it (calls that completed before are not repeated: their results are in the
 * step's checkpoint).
 */
@FunctionalInterface
public interface PlaceSource {

  /**
   * Candidates in {@code query.destination()} only, best first, at most {@code limit}; empty when
   * this source knows nothing there.
   */
  List<Place> search(PlaceQuery query, int limit);
}
