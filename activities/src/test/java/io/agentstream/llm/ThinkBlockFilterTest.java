package io.agentstream.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The reasoning block is taken off however the server splits the reply into pieces, and its text is
 * handed on as the model's reasoning.
 */
class ThinkBlockFilterTest {

  /** The reply split into pieces at {@code cuts}, filtered, and what came out. */
  private static String filtered(String reply, AtomicInteger thinking, int... cuts) {
    return filtered(reply, thinking, new StringBuilder(), cuts);
  }

  /** Likewise, with the reasoning handed on collected in {@code reasoning}. */
  private static String filtered(
      String reply, AtomicInteger thinking, StringBuilder reasoning, int... cuts) {
    ThinkBlockFilter filter = new ThinkBlockFilter(thinking::incrementAndGet, reasoning::append);
    StringBuilder out = new StringBuilder();
    int from = 0;
    for (int cut : cuts) {
      out.append(filter.accept(reply.substring(from, cut)));
      from = cut;
    }
    out.append(filter.accept(reply.substring(from)));
    out.append(filter.finish());
    return out.toString();
  }

  @Test
  void aLeadingThinkBlockIsDroppedAtEverySplitAndTheStepIsToldOnce() {
    String reply =
        "\n<think>\nThe user wants Rome. </think is not the end\n</think>\n\nRome <think> ok";
    for (int i = 0; i <= reply.length(); i++) {
      for (int j = i; j <= reply.length(); j++) {
        AtomicInteger thinking = new AtomicInteger();
        assertThat(filtered(reply, thinking, i, j))
            .as("cut at %d and %d", i, j)
            .isEqualTo("Rome <think> ok");
        assertThat(thinking).as("cut at %d and %d", i, j).hasValue(1);
      }
    }
  }

  @Test
  void theBlocksTextIsHandedOnAsReasoningAtEverySplitWithoutTheTagsOrItsOpeningSpace() {
    String reply = "<think>\n  The user wants Rome. </think is not </the end\n</think>\n\nRome";
    for (int i = 0; i <= reply.length(); i++) {
      for (int j = i; j <= reply.length(); j++) {
        StringBuilder reasoning = new StringBuilder();
        assertThat(filtered(reply, new AtomicInteger(), reasoning, i, j)).isEqualTo("Rome");
        assertThat(reasoning.toString())
            .as("cut at %d and %d", i, j)
            .isEqualTo("The user wants Rome. </think is not </the end\n");
      }
    }
  }

  @Test
  void reasoningInAFieldOfItsOwnIsHandedOnAndTheStepToldOnce() {
    AtomicInteger thinking = new AtomicInteger();
    StringBuilder reasoning = new StringBuilder();
    ThinkBlockFilter filter = new ThinkBlockFilter(thinking::incrementAndGet, reasoning::append);
    filter.reasoning("The user ");
    filter.reasoning("");
    filter.reasoning("wants Rome.");
    assertThat(filter.accept("Rome")).isEqualTo("Rome");
    assertThat(reasoning).hasToString("The user wants Rome.");
    assertThat(thinking).hasValue(1);
  }

  @Test
  void aReplyWithoutABlockPassesUnchangedEvenWhenItStartsLikeTheTag() {
    for (String reply : new String[] {"<the best> places", "  <thinking", "<th", "Hello", " \n"}) {
      for (int i = 0; i <= reply.length(); i++) {
        AtomicInteger thinking = new AtomicInteger();
        assertThat(filtered(reply, thinking, i)).as("%s cut at %d", reply, i).isEqualTo(reply);
        assertThat(thinking).hasValue(0);
      }
    }
  }

  @Test
  void aReplyThatIsAllThinkingHasNoAnswer() {
    AtomicInteger thinking = new AtomicInteger();
    assertThat(filtered("<think>still thinking when max_tokens came", thinking, 9)).isEmpty();
    assertThat(thinking).hasValue(1);
  }

  @Test
  void textAfterTheAnswerStartsIsPassedAsItComes() {
    ThinkBlockFilter filter = new ThinkBlockFilter(() -> {});
    assertThat(filter.accept("<think>x</think>")).isEmpty();
    assertThat(filter.accept("\n\nA")).isEqualTo("A");
    assertThat(filter.accept("\n\n")).isEqualTo("\n\n");
    assertThat(filter.accept("<think>b")).isEqualTo("<think>b");
    assertThat(filter.finish()).isEmpty();
  }
}
