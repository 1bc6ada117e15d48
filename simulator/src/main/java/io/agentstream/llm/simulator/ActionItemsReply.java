package io.agentstream.llm.simulator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code action-items} task: the action items in meeting notes, one per line, as {@code -
 * Owner: task (due when)}. A sentence is an action item when it commits someone to a verb such as
 * send, review, book or follow up ("Dana will send the budget by Friday", "Sam to book the room",
 * "Action: Priya reviews the checklist", "Li: I'll draft the agenda"); its owner is the person
 * named before the verb (the speaker of a transcript line for "I"; the team for "we" or nobody) and
 * the due date is a day or date after "by", "before", "due", "on" or "until". Notes without any
 * such sentence get two sensible items, so a run always has something to show. Every line, the last
 * included, ends with a newline.
 */
final class ActionItemsReply implements TaskReply {

  /** Base forms; a sentence may use them with -s or -es. */
  private static final List<String> VERBS =
      List.of(
          "follow up",
          "set up",
          "reach out",
          "look into",
          "send",
          "share",
          "review",
          "book",
          "prepare",
          "schedule",
          "draft",
          "write",
          "update",
          "call",
          "email",
          "check",
          "confirm",
          "finalize",
          "organize",
          "order",
          "fix",
          "circulate",
          "submit",
          "create",
          "contact",
          "investigate",
          "test",
          "publish",
          "collect",
          "invite",
          "arrange",
          "ask",
          "ship",
          "deploy",
          "deliver",
          "migrate",
          "merge");

  private static final String VERB =
      "(?<verb>"
          + String.join(
              "|", VERBS.stream().map(v -> v.replace(" ", "(?:e?s)?\\s+") + "(?:e?s)?").toList())
          + ")\\b";

  /** "will send", "to book", "'ll draft", "agreed to review": a commitment to the verb. */
  private static final Pattern COMMITTED =
      Pattern.compile(
          "(?i)\\b(?:will|(?<=\\w)['’]ll|to|should|must|shall|can|needs? to|ha(?:s|ve) to|going to)"
              + "\\s+(?:also\\s+|then\\s+|first\\s+)?"
              + VERB);

  /** "Send the deck", "Please book it", "We review it", or "Priya reviews it" (a name, a verb). */
  private static final Pattern IMPERATIVE_OR_NAMED =
      Pattern.compile(
          "^(?:(?i:please|we|everyone|all)\\s+|(?<name>[A-Z][\\p{L}'’-]+)\\s+)?(?i:" + VERB + ")");

  /** A transcript or bullet label: "Dana: ..." or "Action: ...". */
  private static final Pattern LABEL = Pattern.compile("^(?<label>[A-Z][\\p{L}'’ -]{0,30}?):\\s+");

  private static final String WEEKDAY =
      "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thurs|Fri)";
  private static final String MONTH =
      "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?";
  private static final String WHEN =
      "(?:(?:next|this)\\s+"
          + WEEKDAY
          + "|"
          + WEEKDAY
          + "|tomorrow|today|tonight|next week|this week|end of (?:the )?(?:day|week|month|quarter)"
          + "|EOD|EOW|the next (?:meeting|sync|standup|call|review)"
          + "|"
          + MONTH
          + "\\s+\\d{1,2}(?:st|nd|rd|th)?|\\d{1,2}(?:st|nd|rd|th)?\\s+"
          + MONTH
          + "|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2})";

  /** A day or date after a preposition ("by Friday"), or a relative one alone ("tomorrow"). */
  private static final Pattern DUE =
      Pattern.compile(
          "(?i)[\\s,]*\\b(?:(?:by|before|due|on|until|no later than)\\s+(?<when>"
              + WHEN
              + ")|(?<relative>tomorrow|today|tonight|next week|this week"
              + "|end of (?:the )?(?:day|week|month|quarter)|EOD|EOW))\\b");

  /** Capitalised words that open sentences or labels but are not people. */
  private static final Set<String> NOT_PEOPLE =
      Set.of(
          "Action",
          "Actions",
          "Action item",
          "Action items",
          "AI",
          "Todo",
          "TODO",
          "To do",
          "Next steps",
          "Next step",
          "Decision",
          "Decisions",
          "Note",
          "Notes",
          "Agenda",
          "Attendees",
          "Summary",
          "Follow-up",
          "Follow up",
          "Owner",
          "Task",
          "We",
          "I",
          "The",
          "This",
          "It",
          "Also",
          "Then",
          "And",
          "But",
          "So",
          "Please",
          "Everyone",
          "Team",
          "All",
          "Someone");

  private static final int MAX_ITEMS = 12;

  /** One item as the reply lists it. */
  private record Item(String owner, String task, String due) {
    String line() {
      return "- " + owner + ": " + task + (due == null ? "" : " (due " + due + ")") + "\n";
    }
  }

  @Override
  public String compose(String material, Variation variation) {
    Set<Item> items = new LinkedHashSet<>();
    for (String sentence : sentences(material)) {
      itemIn(sentence).ifPresent(items::add);
      if (items.size() == MAX_ITEMS) {
        break;
      }
    }
    if (items.isEmpty()) {
      items.addAll(fallback(material, variation));
    }
    StringBuilder reply = new StringBuilder();
    items.forEach(item -> reply.append(item.line()));
    return reply.toString();
  }

  /** Lines and sentences, without bullet markers. */
  private static List<String> sentences(String material) {
    List<String> sentences = new ArrayList<>();
    for (String line : material.split("\\R")) {
      String text = line.strip().replaceFirst("^(?:[-*•]|\\d{1,2}[.)])\\s+", "");
      if (text.isEmpty()) {
        continue;
      }
      Matcher label = LABEL.matcher(text);
      String prefix = label.lookingAt() ? label.group() : "";
      // A label ("Dana:") belongs to every sentence of its line.
      for (String sentence : text.substring(prefix.length()).split("(?<=[.!?;])\\s+")) {
        sentences.add(prefix + sentence);
      }
    }
    return sentences;
  }

  private static Optional<Item> itemIn(String sentence) {
    String speaker = null;
    String text = sentence;
    Matcher label = LABEL.matcher(sentence);
    if (label.lookingAt()) {
      String name = label.group("label").strip();
      speaker = isPerson(name) ? name : null;
      text = sentence.substring(label.end());
    }
    Matcher verb = COMMITTED.matcher(text);
    String owner;
    if (verb.find()) {
      owner = ownerOf(text.substring(0, verb.start()), speaker);
    } else {
      verb = IMPERATIVE_OR_NAMED.matcher(text);
      if (!verb.lookingAt()) {
        return Optional.empty();
      }
      String name = verb.group("name");
      if (name != null && !isPerson(name)) {
        return Optional.empty();
      }
      owner = name != null ? name : speaker != null ? speaker : "Team";
    }
    String task = baseForm(verb.group("verb")) + text.substring(verb.end("verb"));
    String due = null;
    Matcher when = DUE.matcher(task);
    if (when.find()) {
      due = when.group("when") != null ? when.group("when") : when.group("relative");
      task = task.substring(0, when.start()) + task.substring(when.end());
    }
    task = task.replaceAll("\\s+", " ").replaceAll("[\\s.,;:!?]+$", "").strip();
    return task.contains(" ") ? Optional.of(new Item(owner, task, due)) : Optional.empty();
  }

  /** Who the words before the verb name: people, the speaker for "I", or the team. */
  private static String ownerOf(String subject, String speaker) {
    List<String> people =
        ProperNames.in(subject).stream().filter(ActionItemsReply::isPerson).toList();
    if (!people.isEmpty()) {
      return people.size() == 1
          ? people.get(0)
          : String.join(", ", people.subList(0, people.size() - 1))
              + " and "
              + people.get(people.size() - 1);
    }
    boolean firstPerson = subject.matches("(?is).*\\bI\\b.*") || subject.isBlank();
    return firstPerson && speaker != null ? speaker : "Team";
  }

  private static boolean isPerson(String name) {
    return !NOT_PEOPLE.contains(name) && !name.chars().anyMatch(Character::isDigit);
  }

  /** "sends" to "send", "follows up" to "follow up". */
  private static String baseForm(String verb) {
    String lower = verb.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    for (String base : VERBS) {
      String[] words = base.split(" ");
      String inflected = words[0] + "(?:e?s)?" + (words.length > 1 ? " " + words[1] : "");
      if (lower.matches(inflected)) {
        return base;
      }
    }
    return lower;
  }

  /** For notes in which nobody committed to anything: items any meeting needs. */
  private static List<Item> fallback(String material, Variation variation) {
    String organizer = firstPersonNamed(material).orElse("Team");
    return List.of(
        new Item(
            organizer,
            variation.pick(
                "send these notes and the decisions to everyone who attended",
                "share a summary of the discussion with everyone who attended"),
            "tomorrow"),
        new Item(
            "Team", "agree on an owner and a date for each open question", "the next meeting"));
  }

  /**
   * The first one-word name on an {@code Attendees:} line, else the first one inside a sentence: a
   * capitalised word that opens a sentence ("Retro with Omar") is more often a thing than a person.
   */
  private static Optional<String> firstPersonNamed(String material) {
    String attendees =
        MaterialText.labelled(material, "Attendees", "Participants", "Present").orElse("");
    List<String> candidates = new ArrayList<>(ProperNames.in(attendees));
    for (String sentence : sentences(material)) {
      String[] firstAndRest = sentence.split("\\s+", 2);
      if (firstAndRest.length == 2) {
        candidates.addAll(ProperNames.in(firstAndRest[1]));
      }
    }
    return candidates.stream()
        .filter(ActionItemsReply::isPerson)
        .filter(name -> !name.contains(" "))
        .findFirst();
  }
}
