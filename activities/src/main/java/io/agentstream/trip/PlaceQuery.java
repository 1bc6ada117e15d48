package io.agentstream.trip;

/**
 * The arguments of the {@code search_places} tool, as the model gives them.
 *
 * @param destination where the traveller goes ("Rome", "Kyoto", "Maui")
 * @param category {@code attraction} or {@code restaurant}
 * @param preferences what the traveller said they like, free text (may be empty)
 */
public record PlaceQuery(String destination, String category, String preferences) {
  public PlaceQuery {
    destination = destination == null ? "" : destination.strip();
    category = category == null ? "" : category.strip();
    preferences = preferences == null ? "" : preferences.strip();
  }
}
