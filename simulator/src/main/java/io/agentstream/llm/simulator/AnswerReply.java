package io.agentstream.llm.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code answer} task: a short, polite answer of three to five sentences that names the subject
 * of the question, so a caller can tell its own question was the one answered. A question that asks
 * for a length ("answer in about 500 words") gets about that many words, as a real model would
 * roughly give: long answers are what a benchmark of streaming needs, since real agent steps stream
 * for many seconds.
 */
final class AnswerReply implements TaskReply {

  /** "about 500 words", "in 1000 words": the length a question asks for. */
  private static final Pattern REQUESTED_LENGTH = Pattern.compile("(?i)\\b(\\d{1,5})\\s+words\\b");

  /** Longer requests are capped: a simulated answer is never more than this many words. */
  static final int MAX_WORDS = 20_000;

  private static final List<String> ELABORATIONS =
      List.of(
          "It helps to separate what is fixed from what can move, and to settle the fixed parts"
              + " first.",
          "Most of the cost and effort sits in a few decisions, so those deserve the most"
              + " attention.",
          "A short list of priorities, written down early, makes every later choice quicker.",
          "Timing matters as much as the choice itself, because the same option can feel very"
              + " different in another season.",
          "When two options look equally good, the one that keeps more doors open is usually the"
              + " better bet.",
          "Small buffers of time and money turn most surprises into minor detours instead of real"
              + " problems.",
          "People who have done it recently are the best source of details that guides leave out.",
          "It is worth checking the assumptions behind any advice, since conditions change from"
              + " year to year.",
          "Trying a small version first, when that is possible, shows quickly what works and what"
              + " does not.",
          "In the end, the right answer is the one that fits your own constraints rather than"
              + " someone else's.");

  private static final Set<String> QUESTION_WORDS =
      Set.of(
          "what", "what's", "which", "how", "when", "where", "why", "who", "whom", "is", "are",
          "was", "were", "do", "does", "did", "can", "could", "should", "would", "will", "i", "we",
          "you", "there", "much", "many", "long", "far", "a", "an", "tell", "me", "about", "please",
          "any", "some");

  private static final int MAX_SUBJECT_WORDS = 12;

  @Override
  public String compose(String material, Variation variation) {
    String subject = subjectOf(material);
    List<String> sentences = new ArrayList<>();
    sentences.add(
        variation.pick(
            "You asked about \"" + subject + "\".", "Good question: \"" + subject + "\"."));
    sentences.add(
        variation.pick(
            "In practice, the answer comes down to planning a little ahead and leaving room for"
                + " surprises.",
            "The most useful thing to know is that it depends mostly on your priorities: time,"
                + " budget and pace."));
    ProperNames.in(material).stream()
        .findFirst()
        .ifPresent(
            name ->
                sentences.add(
                    "For "
                        + name
                        + " in particular, book the popular things a few weeks ahead and keep one"
                        + " day unplanned."));
    sentences.add(
        "Check current opening hours, prices and local conditions close to your travel dates, "
            + "since they change through the year.");
    if (sentences.size() < 4 || variation.nextIndex(2) == 0) {
      sentences.add(
          variation.pick(
              "If you are travelling with others, agree on the must-dos first and fit the rest"
                  + " around them.",
              "Locals and recent reviews are the best tie-breakers when two options look equally"
                  + " good."));
    }
    int wanted = requestedWords(material);
    int words = String.join(" ", sentences).split("\\s+").length;
    while (words < wanted) {
      String sentence = variation.pick(ELABORATIONS);
      sentences.add(sentence);
      words += sentence.split("\\s+").length;
    }
    return String.join(" ", sentences);
  }

  /** The number of words the question asks for, 0 when it does not say. */
  static int requestedWords(String question) {
    Matcher matcher = REQUESTED_LENGTH.matcher(question);
    return matcher.find() ? Math.min(Integer.parseInt(matcher.group(1)), MAX_WORDS) : 0;
  }

  /** The question without its leading question words and trailing punctuation. */
  static String subjectOf(String question) {
    String text =
        MaterialText.fragment(question.replace('\n', ' '), 40).replaceAll("[?!.\\s]+$", "");
    List<String> words = new ArrayList<>(Arrays.asList(text.split("\\s+")));
    while (words.size() > 1 && QUESTION_WORDS.contains(words.get(0).toLowerCase(Locale.ROOT))) {
      words.remove(0);
    }
    String subject = String.join(" ", words.subList(0, Math.min(words.size(), MAX_SUBJECT_WORDS)));
    return subject.isBlank() ? "your question" : subject;
  }
}
