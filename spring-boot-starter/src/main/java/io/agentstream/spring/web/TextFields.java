package io.agentstream.spring.web;

import io.agentstream.spring.run.InvalidRunRequestException;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What a text field may hold: valid Unicode (no unpaired UTF-16 surrogate, which a JSON escape can
 * smuggle in) and no control characters but tab and newline. Such text reaches a model prompt,
 * Temporal's history, logs and the page, where it can only do harm.
 */
final class TextFields {

  /** Longest property name quoted in a field path. */
  private static final int NAME_LENGTH = 40;

  private TextFields() {}

  /** What is wrong with the text, if anything, in words that follow "contains". */
  static Optional<String> flaw(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return Optional.of("an unpaired UTF-16 surrogate (not valid Unicode)");
      } else if (Character.isISOControl(c) && c != '\t' && c != '\n') {
        return Optional.of(
            String.format(
                "the control character U+%04X (only tab and newline are allowed)", (int) c));
      }
    }
    return Optional.empty();
  }

  /**
   * @param field the field's name in the request, e.g. {@code input.request}
   * @throws InvalidRunRequestException naming the field when the text has a {@link #flaw}
   */
  static void require(String field, String text) {
    flaw(text)
        .ifPresent(
            f -> {
              throw new InvalidRunRequestException(field + " contains " + f);
            });
  }

  /** Checks every string in the tree, property names included. */
  static void requireTree(String field, JsonNode node) {
    if (node.isString()) {
      require(field, node.stringValue());
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        requireTree(field + "[" + i + "]", node.get(i));
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> property : node.properties()) {
        require("a property name in " + field, property.getKey());
        requireTree(child(field, property.getKey()), property.getValue());
      }
    }
  }

  /** {@code parent.name}, the name shortened so that a message stays readable. */
  static String child(String parent, String name) {
    if (name.length() <= NAME_LENGTH) {
      return parent + "." + name;
    }
    int end =
        Character.isHighSurrogate(name.charAt(NAME_LENGTH - 1)) ? NAME_LENGTH - 1 : NAME_LENGTH;
    return parent + "." + name.substring(0, end) + "…";
  }
}
