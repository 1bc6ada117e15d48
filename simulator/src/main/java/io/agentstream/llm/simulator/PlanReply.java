package io.agentstream.llm.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code plan} task: a day-by-day itinerary, one {@code Day N:} paragraph per day, that uses
 * every listed place. Places are dealt to days round-robin so they spread over the trip, then
 * placed in the morning, afternoon and evening of their day.
 */
final class PlanReply implements TaskReply {

  private static final int DEFAULT_DAYS = 3;
  private static final int MAX_DAYS = 30;

  private static final Pattern FOOD =
      Pattern.compile("restaurant|caf|bar|food|bakery|market|bistro|diner|eatery|brewery|pub");
  private static final Pattern NATURE =
      Pattern.compile(
          "beach|park|hike|trail|mountain|volcano|garden|lake|waterfall|island|bay|nature|reef|snorkel|view");
  private static final Pattern CULTURE =
      Pattern.compile(
          "museum|gallery|temple|church|histor|landmark|monument|palace|memorial|site|theat|castle|culture");
  private static final Pattern STAY = Pattern.compile("hotel|resort|lodge|hostel|inn\\b");

  private enum Slot {
    MORNING,
    AFTERNOON,
    EVENING
  }

  @Override
  public String compose(String material, Variation variation) {
    int days = Math.min(MaterialText.dayCount(material).orElse(DEFAULT_DAYS), MAX_DAYS);
    List<PlaceLine> places = PlaceLine.allIn(material);
    String destination =
        MaterialText.destination(material)
            .or(
                () ->
                    places.stream()
                        .map(PlaceLine::area)
                        .filter(area -> !area.isEmpty())
                        .findFirst())
            .orElse("your destination");

    List<String> paragraphs = new ArrayList<>();
    for (int day = 1; day <= days; day++) {
      List<PlaceLine> today = placesOfDay(places, day, days);
      paragraphs.add("Day " + day + ": " + dayText(day, days, today, destination, variation));
    }
    return String.join("\n\n", paragraphs);
  }

  private static List<PlaceLine> placesOfDay(List<PlaceLine> places, int day, int days) {
    List<PlaceLine> today = new ArrayList<>();
    for (int i = day - 1; i < places.size(); i += days) {
      today.add(places.get(i));
    }
    return today;
  }

  private static String dayText(
      int day, int days, List<PlaceLine> today, String destination, Variation variation) {
    List<String> sentences = new ArrayList<>();
    if (today.isEmpty()) {
      sentences.add(
          opening(day, Slot.MORNING, variation, destination)
              + variation.pick(
                  "wander around " + destination + " at your own pace",
                  "keep things loose and explore the neighbourhood around your base")
              + ".");
      sentences.add(
          day == days
              ? "In the evening, pack up and enjoy a last unhurried dinner."
              : "In the evening, try a casual local spot for dinner and turn in early.");
      return String.join(" ", sentences);
    }
    int slots = Math.min(today.size(), Slot.values().length);
    for (int i = 0; i < slots; i++) {
      Slot slot = Slot.values()[i];
      List<PlaceLine> here =
          i == slots - 1 ? today.subList(i, today.size()) : today.subList(i, i + 1);
      sentences.add(opening(day, slot, variation, destination) + activity(here, variation) + ".");
    }
    if (sentences.size() == 1) {
      sentences.add(
          day == days
              ? "Leave the rest of the day free for last souvenirs and an easy farewell dinner."
              : variation.pick(
                  "Leave the rest of the day open to rest or follow whatever caught your eye.",
                  "Keep the afternoon free for a swim, a nap or a slow walk.",
                  "In the evening, find a quiet place for dinner nearby."));
    }
    return String.join(" ", sentences);
  }

  private static String opening(int day, Slot slot, Variation variation, String destination) {
    if (day == 1 && slot == Slot.MORNING) {
      return "After arriving in " + destination + ", ";
    }
    return switch (slot) {
      case MORNING -> variation.pick("In the morning, ", "Start the morning as you ");
      case AFTERNOON -> variation.pick("In the afternoon, ", "After lunch, ");
      case EVENING -> variation.pick("In the evening, ", "As the sun sets, ");
    };
  }

  /** What to do at the first place, with any further places of the same slot added after "then". */
  private static String activity(List<PlaceLine> here, Variation variation) {
    StringBuilder text = new StringBuilder(actionAt(here.get(0), variation));
    for (PlaceLine extra : here.subList(1, here.size())) {
      text.append(", then ").append(actionAt(extra, variation));
    }
    return text.toString();
  }

  private static String actionAt(PlaceLine place, Variation variation) {
    String category = place.category();
    String where = place.name() + place.inArea();
    if (FOOD.matcher(category).find()) {
      return variation.pick("enjoy a meal at " + where, "sit down for local flavours at " + where);
    }
    if (NATURE.matcher(category).find()) {
      return variation.pick(
          "head out to " + where + " for fresh air and views",
          "spend a few unhurried hours at " + where);
    }
    if (CULTURE.matcher(category).find()) {
      return variation.pick(
          "explore " + where + " at an unhurried pace", "take a good look around " + where);
    }
    if (STAY.matcher(category).find()) {
      return "settle in at " + where;
    }
    return variation.pick("visit " + where, "spend some time at " + where);
  }
}
