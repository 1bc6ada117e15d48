package io.agentstream.trip;

import java.util.List;

/** Ways to combine {@link PlaceSource}s. */
public final class PlaceSources {

  private PlaceSources() {}

  /**
   * Asks each source in turn and answers with the first that finds anything: the bundled catalog
   * for the destinations it covers, the model for the rest.
   */
  public static PlaceSource firstWithResults(PlaceSource... sources) {
    List<PlaceSource> all = List.of(sources);
    return (query, limit) -> {
      for (PlaceSource source : all) {
        List<Place> found = source.search(query, limit);
        if (!found.isEmpty()) {
          return found;
        }
      }
      return List.of();
    };
  }
}
