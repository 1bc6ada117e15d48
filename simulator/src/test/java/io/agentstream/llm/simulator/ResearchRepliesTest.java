package io.agentstream.llm.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The deep-research replies: plans of the asked size, reports that cite only listed sources. */
class ResearchRepliesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Variation SAME = Variation.seededBy("t", "m");

  @Test
  void planHasTheAskedNumberOfSubQuestionsTheFirstBeingTheQuestion() throws Exception {
    String reply =
        new ResearchPlanReply()
            .compose("Question: How do \"rewinds\" work?\nSub-questions: 4", SAME);

    JsonNode plan = JSON.readTree(reply);
    assertThat(plan.path("subQuestions")).hasSize(4);
    assertThat(plan.path("subQuestions").get(0).asText()).isEqualTo("How do \"rewinds\" work?");
  }

  @Test
  void reportCitesOnlyTheNumbersItsSourcesListAndWritesASharedNoteOnce() {
    String material =
        String.join(
            "\n",
            "Question: How are crashes survived?",
            "",
            "Notes:",
            "## What is checkpointed?",
            "- A checkpoint holds the text so far. (glossary, Introduction)",
            "- Unlisted passages are not cited. (secret-doc, Hidden)",
            "## How is it tested?",
            "- A checkpoint holds the text so far. (glossary, Introduction)",
            "- Six kills of the app are survived. (agentstream-readme, See it survive a crash (part 2))",
            "",
            "Sources:",
            "[1] glossary | Introduction | agentstream glossary | Run: one execution …",
            "[2] agentstream-readme | See it survive a crash (part 2) | agentstream | kills …");

    String report = new ResearchReportReply().compose(material, SAME);

    assertThat(citations(report)).isNotEmpty().allSatisfy(n -> assertThat(n).isBetween(1, 2));
    assertThat(report)
        .contains("A checkpoint holds the text so far [1].")
        .contains("Six kills of the app are survived [2].")
        .contains("Unlisted passages are not cited.");
    assertThat(report.indexOf("A checkpoint holds"))
        .isEqualTo(report.lastIndexOf("A checkpoint holds"));
  }

  @Test
  void reportWithoutSourcesCitesNothing() {
    String report =
        new ResearchReportReply()
            .compose("Question: Anything?\n\nNotes:\n(none)\n\nSources:\n(none)", SAME);

    assertThat(citations(report)).isEmpty();
    assertThat(report).contains("did not answer");
  }

  private static List<Integer> citations(String text) {
    List<Integer> cited = new ArrayList<>();
    Matcher m = Pattern.compile("\\[(\\d+)]").matcher(text);
    while (m.find()) {
      cited.add(Integer.parseInt(m.group(1)));
    }
    return cited;
  }
}
