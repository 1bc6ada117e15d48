package io.agentstream.llm.simulator;

import java.util.Locale;

/**
 * The {@code rank-place} task: one or two sentences on why a candidate place suits the traveller.
 * Reads the {@code Place:}, {@code Category:}, {@code About:} and {@code Traveller:} lines; any of
 * them may be missing and a neutral stand-in is used instead.
 */
final class RankPlaceReply implements TaskReply {

  @Override
  public String compose(String material, Variation variation) {
    String place = MaterialText.labelled(material, "Place", "Name").orElse("This place");
    String category =
        MaterialText.labelled(material, "Category", "Type")
            .map(value -> MaterialText.fragment(value, 3).toLowerCase(Locale.ROOT))
            .orElse("spot");
    String about =
        MaterialText.labelled(material, "About", "Description")
            .map(value -> MaterialText.asClause(MaterialText.phrase(value, 9)))
            .orElse("a well-reviewed local favourite");
    String traveller =
        MaterialText.labelled(material, "Traveller", "Traveler", "Request")
            .map(value -> '"' + MaterialText.phrase(value, 6) + '"')
            .orElse("this trip");

    return switch (variation.nextIndex(3)) {
      case 0 ->
          place
              + " is a strong match for "
              + traveller
              + ": "
              + about
              + ". This "
              + category
              + " adds variety to the trip and fits easily into a day of sightseeing.";
      case 1 ->
          "For "
              + traveller
              + ", "
              + place
              + " is worth a stop: "
              + about
              + ". As a "
              + category
              + ", it balances the busier parts of the itinerary nicely.";
      default ->
          place
              + " earns its place on the list: "
              + about
              + ". It is the kind of "
              + category
              + " that suits "
              + traveller
              + " and is easy to combine with nearby sights.";
    };
  }
}
