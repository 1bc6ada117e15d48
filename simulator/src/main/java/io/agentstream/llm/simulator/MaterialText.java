package io.agentstream.llm.simulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small text-reading helpers shared by the task replies; they only need to be plausible, not
 * clever.
 */
final class MaterialText {

  private static final Pattern DAYS =
      Pattern.compile(
          "(\\d{1,2})\\s*-\\s*days?\\b|\\bdays\\s*:\\s*(\\d{1,2})\\b|\\b(\\d{1,2})\\s+days?\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern DESTINATION =
      Pattern.compile(
          "\\b(?:to|in|around|visit|visiting)[ \\t]+"
              + "([A-Z][\\p{L}'’.-]*(?:[ \\t]+[A-Z][\\p{L}'’.-]*)*)");

  private MaterialText() {}

  /** The value of a {@code Label: value} line, trying each label in turn (case-insensitive). */
  static Optional<String> labelled(String material, String... labels) {
    for (String label : labels) {
      Matcher line =
          Pattern.compile("(?im)^\\s*" + Pattern.quote(label) + "\\s*:\\s*(.*?)\\s*$")
              .matcher(material);
      if (line.find() && !line.group(1).isEmpty()) {
        return Optional.of(line.group(1));
      }
    }
    return Optional.empty();
  }

  /** Trip length as written ("5-day", "5 days", "Days: 5"), if any. */
  static Optional<Integer> dayCount(String material) {
    Matcher days = DAYS.matcher(material);
    while (days.find()) {
      for (int group = 1; group <= 3; group++) {
        if (days.group(group) != null) {
          int count = Integer.parseInt(days.group(group));
          if (count > 0) {
            return Optional.of(count);
          }
        }
      }
    }
    return Optional.empty();
  }

  /** A capitalised place after "to", "in", ... e.g. "Hawaii" in "a trip to Hawaii". */
  static Optional<String> destination(String material) {
    Matcher destination = DESTINATION.matcher(material);
    while (destination.find()) {
      String name = destination.group(1).replaceAll("[.]+$", "");
      if (!Months.isMonth(name)) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  /**
   * The first {@code maxWords} words of the first sentence or clause, without trailing punctuation.
   */
  static String fragment(String text, int maxWords) {
    String firstClause = text.strip().split("(?<=[.!?;])\\s+|\\n", 2)[0];
    String[] words = firstClause.split("\\s+");
    String joined = String.join(" ", Arrays.copyOf(words, Math.min(words.length, maxWords)));
    return joined.replaceAll("[\\s.,;:!?]+$", "");
  }

  /**
   * Like {@link #fragment} but, when the clause is too long, cut where a new phrase starts
   * ("serving", "with", "and", ...) so the result does not end on a dangling half-phrase.
   */
  static String phrase(String text, int maxWords) {
    String clause = fragment(text, Integer.MAX_VALUE);
    String[] words = clause.split("\\s+");
    if (words.length <= maxWords) {
      return clause;
    }
    int cut = maxWords;
    for (int i = maxWords; i > 1; i--) {
      if (PHRASE_STARTS.contains(words[i].toLowerCase(Locale.ROOT))) {
        cut = i;
        break;
      }
    }
    return String.join(" ", Arrays.copyOf(words, cut)).replaceAll("[\\s.,;:!?]+$", "");
  }

  private static final Set<String> PHRASE_STARTS =
      Set.of(
          "and",
          "or",
          "with",
          "serving",
          "offering",
          "featuring",
          "in",
          "on",
          "at",
          "for",
          "since",
          "where",
          "that",
          "which",
          "near",
          "from",
          "by",
          "known",
          "famous",
          "overlooking",
          "along",
          "inside",
          "built");

  /**
   * Lower-cases the first letter so a description can continue a sentence, unless it looks like a
   * proper name (a possessive, or followed by another capitalised word).
   */
  static String asClause(String text) {
    if (text.isEmpty() || !Character.isUpperCase(text.charAt(0))) {
      return text;
    }
    String[] words = text.split("\\s+", 3);
    boolean properName =
        words[0].contains("'")
            || words[0].contains("’")
            || words[0].chars().skip(1).anyMatch(Character::isUpperCase)
            || (words.length > 1
                && !words[1].isEmpty()
                && Character.isUpperCase(words[1].charAt(0)));
    return properName ? text : text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
  }

  /** Month names, which look like places to the destination pattern ("in May"). */
  private static final class Months {
    private static final Pattern MONTH =
        Pattern.compile(
            "(?i)(january|february|march|april|may|june|july|august|september|october|november|december)\\b.*");

    static boolean isMonth(String word) {
      return MONTH.matcher(word).matches();
    }
  }
}
