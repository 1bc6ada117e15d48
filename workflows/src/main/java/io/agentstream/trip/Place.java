package io.agentstream.trip;

/**
 * A place the research steps found.
 *
 * @param id stable id from the bundled data set
 * @param name place name
 * @param category {@code restaurant} or {@code attraction}
 * @param island island it is on
 * @param area town or area
 * @param description one line from the data set
 * @param rationale the model's short reason for recommending it
 * @param destination the destination it is in ("Hawaii", "Rome"), as the source that found it says;
 *     null in places found before destinations were recorded
 */
public record Place(
    String id,
    String name,
    String category,
    String island,
    String area,
    String description,
    String rationale,
    String destination) {

  /** A place without a recorded destination (the bundled Hawaii catalog's shape). */
  public Place(
      String id,
      String name,
      String category,
      String island,
      String area,
      String description,
      String rationale) {
    this(id, name, category, island, area, description, rationale, null);
  }

  /** This place with the model's reason for recommending it. */
  public Place withRationale(String newRationale) {
    return new Place(id, name, category, island, area, description, newRationale, destination);
  }
}
