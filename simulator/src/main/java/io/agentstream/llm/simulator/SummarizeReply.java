package io.agentstream.llm.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code summarize} task: three or four short lines about an itinerary, naming how many days it
 * has and a few of the places it visits, so a reader can check the summary really came from that
 * itinerary.
 */
final class SummarizeReply implements TaskReply {

  private static final Pattern DAY_LINE =
      Pattern.compile("(?im)^\\s*\\**\\s*Day\\s+(\\d{1,2})\\b.*$");
  private static final Pattern ARRIVAL =
      Pattern.compile(
          "(?i:arriv(?:e|ing)\\s+in)[ \\t]+([A-Z][\\p{L}'’-]*(?:[ \\t]+[A-Z][\\p{L}'’-]*)*)");

  private static final int MAX_HIGHLIGHTS = 3;

  @Override
  public String compose(String material, Variation variation) {
    List<String> dayLines = new ArrayList<>();
    int days = 0;
    Matcher dayLine = DAY_LINE.matcher(material);
    while (dayLine.find()) {
      dayLines.add(dayLine.group());
      days = Math.max(days, Integer.parseInt(dayLine.group(1)));
    }
    if (days == 0) {
      days = MaterialText.dayCount(material).orElse(1);
    }
    String searched = dayLines.isEmpty() ? material : String.join("\n", dayLines);
    String destination =
        arrivalPlace(searched).or(() -> MaterialText.destination(searched)).orElse(null);
    List<String> highlights =
        ProperNames.in(searched).stream()
            .filter(name -> !name.equals(destination))
            .limit(MAX_HIGHLIGHTS)
            .collect(Collectors.toList());

    List<String> lines = new ArrayList<>();
    lines.add(
        days
            + "-day itinerary"
            + (destination == null ? "" : " for " + destination)
            + ": "
            + variation.pick(
                "a balanced mix of sightseeing, food and downtime.",
                "full days out with relaxed evenings."));
    if (!highlights.isEmpty()) {
      lines.add("Highlights: " + joinedAsList(highlights) + ".");
    }
    lines.add(
        variation.pick(
            "Mornings are active, afternoons flexible, evenings unhurried.",
            "Each day pairs one main outing with time to rest."));
    if (days > 1) {
      lines.add("Day 1 eases in; day " + days + " wraps up without a rush.");
    }
    return String.join("\n", lines);
  }

  private static Optional<String> arrivalPlace(String text) {
    Matcher arrival = ARRIVAL.matcher(text);
    return arrival.find() ? Optional.of(arrival.group(1)) : Optional.empty();
  }

  private static String joinedAsList(List<String> names) {
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " and "
        + names.get(names.size() - 1);
  }
}
