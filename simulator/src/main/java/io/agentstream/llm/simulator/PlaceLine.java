package io.agentstream.llm.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A candidate place as the planner lists it, {@code - Duke's Waikiki (restaurant, Oahu)}.
 *
 * @param name display name, used verbatim in replies so callers can find it again
 * @param category first item in the parentheses, lower case, or empty
 * @param area the rest of the parentheses, or empty
 */
record PlaceLine(String name, String category, String area) {

  private static final Pattern LINE = Pattern.compile("^\\s*-\\s+(.+?)\\s*(?:\\(([^)]*)\\))?\\s*$");

  /** Every {@code - ...} line of the material, in order. */
  static List<PlaceLine> allIn(String material) {
    List<PlaceLine> places = new ArrayList<>();
    for (String line : material.split("\\R")) {
      Matcher matcher = LINE.matcher(line);
      if (matcher.matches()) {
        places.add(fromParts(matcher.group(1), matcher.group(2)));
      }
    }
    return places;
  }

  private static PlaceLine fromParts(String name, String details) {
    if (details == null || details.isBlank()) {
      return new PlaceLine(name, "", "");
    }
    String[] parts = details.split(",", 2);
    String area = parts.length > 1 ? parts[1].strip() : "";
    return new PlaceLine(name, parts[0].strip().toLowerCase(Locale.ROOT), area);
  }

  /** " in Oahu", or nothing when the area is unknown or already part of the name. */
  String inArea() {
    return area.isEmpty() || name.contains(area) ? "" : " in " + area;
  }
}
