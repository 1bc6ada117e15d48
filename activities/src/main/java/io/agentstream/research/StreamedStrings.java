package io.agentstream.research;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Consumer;

/**
 * Reads the strings of one JSON array property ({@code "subQuestions": ["…", "…"]}) out of a reply
 * while it streams, handing each over the moment its closing quote arrives. Not a validator: the
 * whole reply is parsed once it is complete, and must agree.
 */
final class StreamedStrings {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String property;
  private final Consumer<String> onString;
  private final StringBuilder text = new StringBuilder();
  private int at;
  private boolean inArray;
  private boolean done;

  StreamedStrings(String property, Consumer<String> onString) {
    this.property = "\"" + property + "\"";
    this.onString = onString;
  }

  void accept(String token) {
    text.append(token);
    while (!done) {
      if (!inArray) {
        int key = text.indexOf(property, at);
        int open = key < 0 ? -1 : text.indexOf("[", key + property.length());
        if (open < 0) {
          return;
        }
        inArray = true;
        at = open + 1;
        continue;
      }
      int next = skipBlanksAndCommas(at);
      if (next >= text.length()) {
        return;
      }
      char c = text.charAt(next);
      if (c == ']') {
        done = true;
        return;
      }
      if (c != '"') {
        done = true; // not an array of strings: the final parse will say so
        return;
      }
      int close = closingQuote(next + 1);
      if (close < 0) {
        return;
      }
      try {
        onString.accept(JSON.readValue(text.substring(next, close + 1), String.class));
      } catch (Exception e) {
        done = true;
        return;
      }
      at = close + 1;
    }
  }

  private int skipBlanksAndCommas(int from) {
    int i = from;
    while (i < text.length() && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == ',')) {
      i++;
    }
    return i;
  }

  private int closingQuote(int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return -1;
  }
}
