package io.agentstream.llm.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What each task replies, as received through the real langchain4j streaming client. */
class OpenAiSimulatorRepliesTest {

  private static OpenAiSimulator simulator;
  private static SimulatorClient client;

  @BeforeAll
  static void startSimulator() {
    simulator = OpenAiSimulator.start(SimulatorSettings.defaults().withTokensPerSecond(0));
    client = new SimulatorClient(simulator);
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
  }

  @BeforeEach
  void resetSimulator() {
    simulator.faults().clear();
    simulator.stats().reset();
  }

  @Test
  void sameRequestAlwaysStreamsTheSameText() throws Exception {
    String first = client.fullText("plan", TravelMaterial.HAWAII_PLAN_REQUEST);
    String second = client.fullText("plan", TravelMaterial.HAWAII_PLAN_REQUEST);

    assertThat(first).isNotBlank().isEqualTo(second);
  }

  @Test
  void completesWithFinishReasonStopAndUsage() throws Exception {
    StreamCollector collector = client.stream("answer", "Is Hawaii expensive?");

    assertThat(collector.error()).isNull();
    assertThat(collector.response().aiMessage().text()).isEqualTo(collector.text());
    assertThat(collector.response().finishReason()).hasToString("STOP");
    assertThat(collector.response().tokenUsage().outputTokenCount())
        .isEqualTo(collector.arrivals().size());
    assertThat(collector.response().tokenUsage().inputTokenCount()).isPositive();
  }

  @Test
  void clarifyAsksAllFourQuestionsForABareRequest() throws Exception {
    JsonNode reply =
        new ObjectMapper().readTree(client.fullText("clarify", "Plan a 5-day trip to Hawaii"));

    assertThat(questionIds(reply)).containsExactly("travelers", "budget", "diet", "dates");
    assertThat(reply.path("questions").get(0).path("text").asText())
        .isEqualTo("How many people are travelling, and are there children?");
    assertThat(reply.path("questions").get(0).path("default").asText()).isEqualTo("2 adults");
  }

  @Test
  void clarifySkipsQuestionsTheRequestAlreadyAnswers() throws Exception {
    JsonNode reply =
        new ObjectMapper()
            .readTree(
                client.fullText(
                    "clarify", "Plan a 5-day trip to Hawaii for 2 adults, budget $2000"));

    assertThat(questionIds(reply)).containsExactly("diet", "dates");
  }

  @Test
  void clarifyAsksNothingWhenEverythingIsAnswered() throws Exception {
    JsonNode reply =
        new ObjectMapper()
            .readTree(
                client.fullText(
                    "clarify",
                    "A week in Lisbon in October for a couple, vegetarian, budget $1500 each"));

    assertThat(questionIds(reply)).isEmpty();
  }

  @Test
  void planHasOneParagraphPerRequestedDayUsingTheListedPlaces() throws Exception {
    String plan = client.fullText("plan", TravelMaterial.HAWAII_PLAN_REQUEST);

    for (int day = 1; day <= 5; day++) {
      assertThat(plan).contains("Day " + day + ":");
    }
    assertThat(plan).doesNotContain("Day 6").startsWith("Day 1:");
    assertThat(plan.split("\n\n")).hasSize(5);
    TravelMaterial.HAWAII_PLACES.forEach(place -> assertThat(plan).contains(place));
  }

  @Test
  void planDefaultsToThreeDaysAndReadsADaysLine() throws Exception {
    assertThat(client.fullText("plan", "Somewhere warm\n- Old Town (neighbourhood)"))
        .contains("Day 3:")
        .doesNotContain("Day 4:");
    assertThat(client.fullText("plan", "Days: 2\n- Old Town (neighbourhood)"))
        .contains("Day 2:")
        .doesNotContain("Day 3:");
  }

  @Test
  void summarizeNamesTheDayCountAndPlacesOfTheItinerary() throws Exception {
    String plan = client.fullText("plan", TravelMaterial.HAWAII_PLAN_REQUEST);

    String summary = client.fullText("summarize", plan);

    assertThat(summary.split("\n")).hasSizeBetween(3, 4);
    assertThat(summary).contains("5-day");
    assertThat(TravelMaterial.HAWAII_PLACES.stream().filter(summary::contains).count())
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  void rankPlaceExplainsTheFitInOneOrTwoSentencesNamingThePlace() throws Exception {
    String reply = client.fullText("rank-place", TravelMaterial.RANK_DUKES);

    assertThat(reply).contains("Duke's Waikiki");
    assertThat(reply.split("\\s+").length).isBetween(20, 40);
    assertThat(reply.split("(?<=[.!?])\\s+")).hasSizeBetween(1, 2);
  }

  @Test
  void answerRefersToTheSubjectOfTheQuestion() throws Exception {
    String reply = client.fullText("answer", "What is the best time to visit Hawaii?");

    assertThat(reply).contains("the best time to visit Hawaii");
    assertThat(reply.split("(?<=[.!?])\\s+")).hasSizeBetween(3, 5);
  }

  @Test
  void answerHasAboutTheNumberOfWordsTheQuestionAsksFor() throws Exception {
    String shortReply = client.fullText("answer", "Why is the sea salty?");
    String longReply =
        client.fullText("answer", "Why is the sea salty? Answer in about 500 words.");

    assertThat(shortReply.split("\\s+").length).isLessThan(100);
    assertThat(longReply.split("\\s+").length).isBetween(500, 540);
    assertThat(longReply)
        .contains("the sea salty")
        .isEqualTo(client.fullText("answer", "Why is the sea salty? Answer in about 500 words."));
  }

  @Test
  void actionItemsListsEachCommitmentWithItsOwnerAndDueDateOnePerLine() throws Exception {
    String reply = client.fullText("action-items", MeetingMaterial.PRODUCT_SYNC);

    assertThat(reply).isEqualTo(MeetingMaterial.PRODUCT_SYNC_ITEMS);
  }

  @Test
  void actionItemsOfATranscriptGoToTheSpeakerForIAndToTheTeamForWe() throws Exception {
    String reply = client.fullText("action-items", MeetingMaterial.TRANSCRIPT);

    assertThat(reply)
        .isEqualTo(
            "- Sam: call the hotel (due tomorrow)\n"
                + "- Team: send the invitations (due March 3)\n"
                + "- Dana: prepare a shortlist of caterers\n");
  }

  @Test
  void actionItemsFallBackToItemsEveryMeetingNeedsWhenNobodyCommittedToAnything() throws Exception {
    String reply = client.fullText("action-items", MeetingMaterial.NO_COMMITMENTS);

    assertThat(reply.split("\n")).hasSize(2).allMatch(line -> line.matches("- \\w+: .+"));
    assertThat(reply).startsWith("- Omar: ").contains("(due tomorrow)").endsWith("\n");
    assertThat(client.fullText("action-items", "")).startsWith("- Team: ");
  }

  @Test
  void actionItemsContinueAfterTheLastCompleteLineWithoutRepeatingOne() throws Exception {
    String full = client.fullText("action-items", MeetingMaterial.PRODUCT_SYNC);
    String twoLines = full.substring(0, full.indexOf('\n', full.indexOf('\n') + 1) + 1);

    StreamCollector rest =
        client.stream(
            SimulatorClient.continuation("action-items", MeetingMaterial.PRODUCT_SYNC, twoLines),
            new StreamCollector());

    assertThat(rest.text()).startsWith("- Priya: ").doesNotContain("Dana", "Sam");
    assertThat(twoLines + rest.text()).isEqualTo(full);
  }

  @Test
  void followUpListsTheActionItemsWithTheirOwnersUnderTheMeetingsName() throws Exception {
    String email =
        client.fullText(
            "follow-up",
            MeetingMaterial.followUpRequest(
                MeetingMaterial.PRODUCT_SYNC_ITEMS, MeetingMaterial.PRODUCT_SYNC));

    assertThat(email).startsWith("Subject: Follow-up: Weekly product sync\n\nHi ");
    assertThat(email)
        .contains(
            "Here are the 4 action items we agreed on:\n\n" + MeetingMaterial.PRODUCT_SYNC_ITEMS);
    assertThat(email.split("\\s+").length).isLessThan(120);
  }

  @Test
  void followUpWithoutActionItemsSaysSoAndContinuesExactly() throws Exception {
    String request = MeetingMaterial.followUpRequest("", "Quick chat about nothing in particular.");
    String email = client.fullText("follow-up", request);
    String partial = email.substring(0, email.length() / 2);

    StreamCollector rest =
        client.stream(
            SimulatorClient.continuation("follow-up", request, partial), new StreamCollector());

    assertThat(email)
        .startsWith("Subject: Follow-up: today's meeting")
        .contains("did not catch any");
    assertThat(partial + rest.text()).isEqualTo(email);
  }

  @Test
  void unknownTaskGetsAGenericReplyThatSaysItIsSimulated() throws Exception {
    String reply = client.fullText("haiku", "Write about the sea");

    assertThat(reply).contains("simulated model").contains("Write about the sea");
    assertThat(simulator.stats().snapshot().requests("haiku")).isEqualTo(1);
  }

  @Test
  void continuationStreamsOnlyTheRemainderOfThePartialReply() throws Exception {
    String full = client.fullText("plan", TravelMaterial.HAWAII_PLAN_REQUEST);
    String partial = full.substring(0, full.length() / 2);

    StreamCollector rest =
        client.stream(
            SimulatorClient.continuation("plan", TravelMaterial.HAWAII_PLAN_REQUEST, partial),
            new StreamCollector());

    assertThat(rest.error()).isNull();
    assertThat(partial + rest.text()).isEqualTo(full);
    assertThat(rest.text()).hasSize(full.length() - partial.length());
    assertThat(simulator.stats().snapshot().continuations("plan")).isEqualTo(1);
  }

  @Test
  void continuationOfACompleteReplyStreamsNothingMore() throws Exception {
    String full = client.fullText("answer", "Do I need a car on Maui?");

    StreamCollector rest =
        client.stream(
            SimulatorClient.continuation("answer", "Do I need a car on Maui?", full),
            new StreamCollector());

    assertThat(rest.error()).isNull();
    assertThat(rest.text()).isEmpty();
  }

  @Test
  void continuationOfUnrelatedTextGetsAShortClosingSentence() throws Exception {
    StreamCollector rest =
        client.stream(
            SimulatorClient.continuation(
                "answer", "Do I need a car on Maui?", "Something else entirely"),
            new StreamCollector());

    assertThat(rest.text()).isEqualTo(Continuation.UNRELATED_PARTIAL_CONTINUATION);
  }

  private static List<String> questionIds(JsonNode reply) {
    List<String> ids = new ArrayList<>();
    reply.path("questions").forEach(question -> ids.add(question.path("id").asText()));
    return ids;
  }
}
