package io.agentstream.llm.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits reply text into the pieces a real model would stream: each word carries its leading spaces
 * and attached punctuation ({@code "Hello,"}, {@code " world."}), and every newline is a token of
 * its own. Joining the tokens gives back the text exactly, which the continuation logic and the
 * tests rely on.
 */
final class SimulatedTokenizer {

  private SimulatedTokenizer() {}

  static List<String> tokenize(String text) {
    List<String> tokens = new ArrayList<>();
    int length = text.length();
    int i = 0;
    while (i < length) {
      if (text.charAt(i) == '\n') {
        tokens.add("\n");
        i++;
        continue;
      }
      int start = i;
      while (i < length && isInlineSpace(text.charAt(i))) {
        i++;
      }
      while (i < length && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      tokens.add(text.substring(start, i));
    }
    return tokens;
  }

  /** Whitespace that stays attached to the following word, i.e. anything but a newline. */
  private static boolean isInlineSpace(char c) {
    return c != '\n' && Character.isWhitespace(c);
  }
}
