package io.agentstream.llm.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code answer} task: a short, polite answer of three to five sentences that names the subject of the
 * question, so a caller can tell its own question was the one answered.
 */
final class AnswerReply implements TaskReply {

    private static final Set<String> QUESTION_WORDS = Set.of(
            "what", "what's", "which", "how", "when", "where", "why", "who", "whom", "is", "are", "was", "were",
            "do", "does", "did", "can", "could", "should", "would", "will", "i", "we", "you", "there", "much",
            "many", "long", "far", "a", "an", "tell", "me", "about", "please", "any", "some");

    private static final int MAX_SUBJECT_WORDS = 12;

    @Override
    public String compose(String material, Variation variation) {
        String subject = subjectOf(material);
        List<String> sentences = new ArrayList<>();
        sentences.add(variation.pick("You asked about \"" + subject + "\".", "Good question: \"" + subject + "\"."));
        sentences.add(variation.pick(
                "In practice, the answer comes down to planning a little ahead and leaving room for surprises.",
                "The most useful thing to know is that it depends mostly on your priorities: time, budget and pace."));
        ProperNames.in(material).stream().findFirst().ifPresent(name -> sentences.add(
                "For " + name + " in particular, book the popular things a few weeks ahead and keep one day unplanned."));
        sentences.add("Check current opening hours, prices and local conditions close to your travel dates, "
                + "since they change through the year.");
        if (sentences.size() < 4 || variation.nextIndex(2) == 0) {
            sentences.add(variation.pick(
                    "If you are travelling with others, agree on the must-dos first and fit the rest around them.",
                    "Locals and recent reviews are the best tie-breakers when two options look equally good."));
        }
        return String.join(" ", sentences);
    }

    /** The question without its leading question words and trailing punctuation. */
    static String subjectOf(String question) {
        String text = MaterialText.fragment(question.replace('\n', ' '), 40).replaceAll("[?!.\\s]+$", "");
        List<String> words = new ArrayList<>(Arrays.asList(text.split("\\s+")));
        while (words.size() > 1 && QUESTION_WORDS.contains(words.get(0).toLowerCase(Locale.ROOT))) {
            words.remove(0);
        }
        String subject = String.join(" ", words.subList(0, Math.min(words.size(), MAX_SUBJECT_WORDS)));
        return subject.isBlank() ? "your question" : subject;
    }
}
