package io.agentstream.bench;

/**
 * Counts tokens the way the simulator splits text: a word with its leading spaces, or a newline.
 */
final class SimulatedTokens {

  private SimulatedTokens() {}

  static int count(String text) {
    int tokens = 0;
    int i = 0;
    while (i < text.length()) {
      if (text.charAt(i) == '\n') {
        tokens++;
        i++;
        continue;
      }
      while (i < text.length()
          && text.charAt(i) != '\n'
          && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      tokens++;
    }
    return tokens;
  }
}
