package io.agentstream.llm.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds likely place names in free text: runs of capitalised words such as {@code Duke's Waikiki}
 * or {@code Hanauma Bay}, minus the sentence-opening words that are capitalised only by position.
 */
final class ProperNames {

  private static final Pattern CAPITALISED_RUN =
      Pattern.compile(
          "[A-Z][\\p{L}\\d'’&-]*(?:[ \\t]+(?:[A-Z][\\p{L}\\d'’&-]*|of|the|de|la|du|del|da|von))*");

  private static final Set<String> NOT_NAMES =
      new LinkedHashSet<>(
          Arrays.asList(
              "Day",
              "In",
              "On",
              "At",
              "The",
              "A",
              "An",
              "Start",
              "Begin",
              "After",
              "Before",
              "Then",
              "Spend",
              "Head",
              "Enjoy",
              "Visit",
              "Explore",
              "Arrive",
              "Arriving",
              "Take",
              "Sit",
              "Keep",
              "Try",
              "Wrap",
              "End",
              "Finish",
              "Morning",
              "Afternoon",
              "Evening",
              "As",
              "For",
              "With",
              "This",
              "That",
              "It",
              "Check",
              "Relax",
              "Return",
              "Walk",
              "Stroll",
              "Lunch",
              "Dinner",
              "Breakfast",
              "Go",
              "Have",
              "Make",
              "Use",
              "Catch",
              "See",
              "Your",
              "Our",
              "We",
              "You",
              "I",
              "Depart",
              "Leave",
              "Fly",
              "Pack",
              "Settle",
              "Stop",
              "Its",
              "Their",
              "Each",
              "Every",
              "Wander",
              "Do",
              "Don't",
              "If",
              "When",
              "Plan",
              "Trip",
              "Itinerary",
              "Highlights",
              "Optional",
              "Note",
              "Tip",
              "Summary",
              "Here",
              "There",
              "And",
              "Or",
              "But",
              "Also",
              "What",
              "What's",
              "Which",
              "How",
              "Where",
              "Why",
              "Who",
              "Is",
              "Are",
              "Was",
              "Were",
              "Does",
              "Did",
              "Can",
              "Could",
              "Should",
              "Would",
              "Will",
              "My",
              "Any",
              "Please",
              "Tell"));

  private static final Set<String> LOWER_CONNECTORS =
      Set.of("of", "the", "de", "la", "du", "del", "da", "von");

  private ProperNames() {}

  /** Distinct candidate names, multi-word ones first, each group in order of appearance. */
  static List<String> in(String text) {
    Set<String> found = new LinkedHashSet<>();
    Matcher run = CAPITALISED_RUN.matcher(text);
    while (run.find()) {
      String name = trimmed(run.group());
      if (!name.isEmpty() && !name.chars().allMatch(Character::isDigit)) {
        found.add(name);
      }
    }
    List<String> names = new ArrayList<>(found);
    names.sort(Comparator.comparing((String name) -> !name.contains(" ")));
    return names;
  }

  private static String trimmed(String run) {
    List<String> words = new ArrayList<>(Arrays.asList(run.split("\\s+")));
    while (!words.isEmpty()
        && (NOT_NAMES.contains(words.get(0)) || LOWER_CONNECTORS.contains(words.get(0)))) {
      words.remove(0);
    }
    while (!words.isEmpty() && LOWER_CONNECTORS.contains(words.get(words.size() - 1))) {
      words.remove(words.size() - 1);
    }
    return String.join(" ", words).replaceAll("[.’'-]+$", "");
  }
}
