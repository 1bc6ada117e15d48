package io.agentstream.trip;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import io.agentstream.llm.ModelStream;
import io.agentstream.llm.Prompt;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Locale;

/**
 * Candidates from the model's own knowledge, for destinations no catalog covers: one structured
 * "suggest candidates" call ({@code response_format: json_schema}) whose reply is parsed into
 * records. A reply that does not match the schema fails the attempt with {@link #NOT_MATCHING}, a
 * retryable failure: Temporal asks again.
 */
public final class ModelPlaceSuggestions implements PlaceSource {

  /** Failure type of a reply that is not JSON of the schema. */
  public static final String NOT_MATCHING = "ModelReplyNotMatchingSchema";

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  static final JsonSchema SCHEMA =
      JsonSchema.builder()
          .name("place_candidates")
          .rootElement(
              JsonObjectSchema.builder()
                  .addProperty(
                      "places",
                      JsonArraySchema.builder()
                          .items(
                              JsonObjectSchema.builder()
                                  .addStringProperty("name")
                                  .addStringProperty("destination")
                                  .addStringProperty("area")
                                  .addStringProperty("description")
                                  .required("name", "destination", "area", "description")
                                  .build())
                          .build())
                  .required("places")
                  .build())
          .build();

  /** The reply's shape. */
  record Candidates(List<Candidate> places) {}

  /** One suggested place. */
  record Candidate(String name, String destination, String area, String description) {}

  private final ModelStream model;

  public ModelPlaceSuggestions(ModelStream model) {
    this.model = model;
  }

  @Override
  public List<Place> search(PlaceQuery query, int limit) {
    if (query.destination().isEmpty()) {
      return List.of();
    }
    Prompt prompt =
        new Prompt(
            "suggest-candidates",
            "Suggest real, well-known places of the asked category in the asked destination only,"
                + " best first. Never suggest a place elsewhere.",
            "Suggest up to "
                + limit
                + " "
                + query.category()
                + "s in "
                + query.destination()
                + (query.preferences().isEmpty()
                    ? ""
                    : " for a traveller who likes: " + query.preferences()));
    // Not cut short by finish-now: a suggestion is one short structured reply, and a cut one would
    // not parse.
    String reply = model.structured(prompt, SCHEMA, () -> false);
    Candidates candidates;
    try {
      candidates = JSON.readValue(reply, Candidates.class);
    } catch (Exception e) {
      throw ApplicationFailure.newFailure(
          "the model's suggestions for "
              + query.destination()
              + " are not JSON of the schema: "
              + e.getMessage(),
          NOT_MATCHING);
    }
    if (candidates.places() == null) {
      throw ApplicationFailure.newFailure(
          "the model's suggestions for " + query.destination() + " have no places", NOT_MATCHING);
    }
    return candidates.places().stream()
        .filter(c -> c.name() != null && !c.name().isBlank())
        .limit(limit)
        .map(
            c ->
                new Place(
                    slug(query.destination()) + "-" + slug(c.name()),
                    c.name(),
                    query.category(),
                    null,
                    c.area(),
                    c.description(),
                    null,
                    destinationOf(c, query)))
        .toList();
  }

  /**
   * Where the model says the place is; the destination searched when it says nothing. The search's
   * own destination may be a whole request ("Plan a 4-day trip to Rome"), when the model made no
   * usable call and the request itself was searched.
   */
  private static String destinationOf(Candidate candidate, PlaceQuery query) {
    String said = candidate.destination();
    return said == null || said.isBlank() ? query.destination() : said.strip();
  }

  private static String slug(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-|-$", "");
  }
}
