package io.agentstream.llm.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimulatedTokenizerTest {

  @Test
  void keepsLeadingSpacesAndPunctuationWithTheirWords() {
    assertThat(SimulatedTokenizer.tokenize("Hello, world.")).containsExactly("Hello,", " world.");
  }

  @Test
  void makesEveryNewlineItsOwnToken() {
    assertThat(SimulatedTokenizer.tokenize("Day 1:\n\n  Go"))
        .containsExactly("Day", " 1:", "\n", "\n", "  Go");
  }

  @Test
  void tokensJoinBackToTheExactText() {
    String text = " leading  spaces,\ttabs \nand trailing spaces  \n";

    assertThat(String.join("", SimulatedTokenizer.tokenize(text))).isEqualTo(text);
  }
}
