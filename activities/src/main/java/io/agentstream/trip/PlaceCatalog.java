package io.agentstream.trip;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The research steps' search source for Hawaii: a small bundled data set of real Hawaiian places.
 * It answers only for a destination in Hawaii (the state, an island or a town it lists), so a trip
 * to Rome never gets Waikiki. The model ranks and explains; the catalog only finds candidates, in a
 * stable order.
 */
public final class PlaceCatalog implements PlaceSource {

  /** The destination the catalog's places are in. */
  public static final String DESTINATION = "Hawaii";

  private record Entry(
      String id,
      String name,
      String category,
      String island,
      String area,
      String description,
      List<String> tags) {}

  private final List<Entry> entries;

  private PlaceCatalog(List<Entry> entries) {
    this.entries = entries;
  }

  /** Loads {@code places/hawaii.json} from the classpath. */
  public static PlaceCatalog bundled() {
    try (InputStream in = PlaceCatalog.class.getResourceAsStream("/places/hawaii.json")) {
      ObjectMapper mapper =
          new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
      return new PlaceCatalog(mapper.readValue(in, new TypeReference<List<Entry>>() {}));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled places", e);
    }
  }

  @Override
  public List<Place> search(PlaceQuery query, int limit) {
    if (!covers(query.destination())) {
      return List.of();
    }
    return search(query.category(), query.destination(), query.preferences(), limit).stream()
        .map(
            p ->
                new Place(
                    p.id(),
                    p.name(),
                    p.category(),
                    p.island(),
                    p.area(),
                    p.description(),
                    null,
                    DESTINATION))
        .toList();
  }

  /** Whether {@code destination} is in Hawaii: the state, one of its islands or a listed area. */
  public boolean covers(String destination) {
    String d = destination.toLowerCase(Locale.ROOT).strip();
    if (d.isEmpty()) {
      return false;
    }
    if (d.contains("hawai")) {
      return true;
    }
    return entries.stream()
        .anyMatch(
            e ->
                d.contains(e.island().toLowerCase(Locale.ROOT))
                    || d.contains(e.area().toLowerCase(Locale.ROOT)));
  }

  /**
   * Candidates for a category, best matches first: places on an island the traveller named, then
   * places matching a stated dietary preference, then the rest in catalog order.
   */
  public List<Place> search(String category, String request, String preferences, int limit) {
    String wanted = (request + " " + preferences).toLowerCase(Locale.ROOT);
    return entries.stream()
        .filter(e -> e.category().equals(category))
        .sorted(Comparator.comparingInt((Entry e) -> -score(e, wanted)))
        .limit(limit)
        .map(
            e ->
                new Place(
                    e.id(), e.name(), e.category(), e.island(), e.area(), e.description(), null))
        .toList();
  }

  private static int score(Entry e, String wanted) {
    int score = 0;
    if (wanted.contains(e.island().toLowerCase(Locale.ROOT))) {
      score += 2;
    }
    for (String tag : e.tags()) {
      if (wanted.contains(tag)) {
        score += 1;
      }
    }
    return score;
  }
}
