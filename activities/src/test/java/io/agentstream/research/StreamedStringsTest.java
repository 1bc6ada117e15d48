package io.agentstream.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamedStringsTest {

  @Test
  void eachStringIsHandedOverTheMomentItsClosingQuoteArrives() {
    List<String> seen = new ArrayList<>();
    StreamedStrings strings = new StreamedStrings("subQuestions", seen::add);
    String reply =
        "{\"subQuestions\": [\"What is a \\\"rewind\\\"?\", \"Why, and how?\"], \"x\": [\"no\"]}";

    List<Integer> countsAfterEachPiece = new ArrayList<>();
    for (int i = 0; i < reply.length(); i += 3) {
      strings.accept(reply.substring(i, Math.min(reply.length(), i + 3)));
      countsAfterEachPiece.add(seen.size());
    }

    assertThat(seen).containsExactly("What is a \"rewind\"?", "Why, and how?");
    // The first arrived before the reply was complete.
    assertThat(countsAfterEachPiece).contains(1);
    assertThat(countsAfterEachPiece.indexOf(1)).isLessThan(countsAfterEachPiece.indexOf(2));
  }

  @Test
  void aReplyThatIsNotAnArrayOfStringsHandsOverNothing() {
    List<String> seen = new ArrayList<>();
    StreamedStrings strings = new StreamedStrings("subQuestions", seen::add);

    strings.accept("{\"subQuestions\": [1, \"late\"]}");

    assertThat(seen).isEmpty();
  }
}
