package io.agentstream.llm.simulator;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code clarify} task: given a travel request, ask only what the request leaves open, as JSON.
 *
 * <p>Question ids, texts and defaults are fixed because the project turns them into a form and
 * tests assert on them; only the choice of questions depends on the request, by plain keyword
 * checks.
 */
final class ClarifyReply implements TaskReply {

  private static final int CASE_INSENSITIVE = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

  private static final String NUMBER = "(?:\\d+|one|two|three|four|five|six|seven|eight|nine|ten)";

  private static final Pattern TRAVELERS_GIVEN =
      Pattern.compile(
          "\\b"
              + NUMBER
              + "\\s+(?:people|persons|adults?|travell?ers|kids|children|friends|guests)\\b"
              + "|\\bfamily of\\s+"
              + NUMBER
              + "\\b"
              + "|\\b(?:couple|solo|alone|just me|by myself)\\b",
          CASE_INSENSITIVE);

  private static final Pattern BUDGET_GIVEN =
      Pattern.compile("\\$|€|£|\\bbudget|\\busd\\b|\\beur\\b|\\bdollars?\\b", CASE_INSENSITIVE);

  private static final Pattern DIET_GIVEN =
      Pattern.compile(
          "vegetarian|vegan|gluten|halal|kosher|allerg|\\bdiet|pescatarian|lactose",
          CASE_INSENSITIVE);

  /** "May" only counts capitalised, so "we may go" is not mistaken for a date. */
  private static final Pattern DATES_GIVEN =
      Pattern.compile(
          "(?i:\\b(?:january|february|march|april|june|july|august|september|october|november|december"
              + "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\\b)|\\bMay\\b"
              + "|\\b\\d{4}-\\d{1,2}-\\d{1,2}\\b|\\b\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?\\b"
              + "|(?i:\\b(?:next|this)\\s+(?:week|month|summer|winter|spring|autumn|fall)\\b)"
              + "|(?i:\\bin\\s+(?:the\\s+)?(?:summer|winter|spring|autumn|fall)\\b)");

  private record Question(String id, String text, String defaultAnswer, Pattern answeredWhen) {}

  private static final List<Question> CANDIDATES =
      List.of(
          new Question(
              "travelers",
              "How many people are travelling, and are there children?",
              "2 adults",
              TRAVELERS_GIVEN),
          new Question(
              "budget",
              "What is your budget per person, in USD?",
              "$3,000 per person",
              BUDGET_GIVEN),
          new Question(
              "diet", "Any dietary needs or food preferences?", "No restrictions", DIET_GIVEN),
          new Question(
              "dates",
              "When do you plan to travel?",
              "Flexible, in the next three months",
              DATES_GIVEN));

  @Override
  public String compose(String material, Variation variation) {
    List<Question> open =
        CANDIDATES.stream()
            .filter(question -> !question.answeredWhen().matcher(material).find())
            .collect(Collectors.toList());
    if (open.isEmpty()) {
      return "{\"questions\": []}";
    }
    String items =
        open.stream()
            .map(ClarifyReply::asJson)
            .collect(Collectors.joining(",\n    ", "    ", "\n"));
    return "{\n  \"questions\": [\n" + items + "  ]\n}";
  }

  private static String asJson(Question question) {
    return "{\"id\": "
        + quoted(question.id())
        + ", \"text\": "
        + quoted(question.text())
        + ", \"default\": "
        + quoted(question.defaultAnswer())
        + "}";
  }

  private static String quoted(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
