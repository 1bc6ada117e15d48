package io.agentstream.spring.web;

import io.agentstream.spring.run.InvalidRunRequestException;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses request bodies into a JSON tree that the request records then check field by field, so
 * that every complaint names a field and none quotes a parser's message (which names Java types).
 * Duplicate properties are rejected, since which one wins is a guess, and so is anything after the
 * JSON value.
 */
final class RequestJson {

  /** Deepest accepted nesting of objects and arrays; agent inputs are shallow. */
  static final int MAX_DEPTH = 64;

  private static final JsonMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private RequestJson() {}

  /**
   * The body as a tree.
   *
   * @param example the expected shape, quoted when the body is empty
   * @throws InvalidRunRequestException when the body is empty or not JSON
   */
  static JsonNode parse(byte[] body, String example) {
    if (body.length == 0) {
      throw new InvalidRunRequestException("request body is required: " + example);
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(body);
    } catch (StreamConstraintsException e) {
      throw new InvalidRunRequestException(
          "malformed JSON: the body is nested deeper than "
              + MAX_DEPTH
              + " levels or holds a number or name that is too long");
    } catch (UnexpectedEndOfInputException e) {
      throw new InvalidRunRequestException("malformed JSON: the body ends early" + at(e));
    } catch (JacksonException e) {
      String reason =
          e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate")
              ? "a property appears twice in one object"
              : "not valid JSON (or not UTF-8)";
      throw new InvalidRunRequestException("malformed JSON: " + reason + at(e));
    }
    if (tree == null || tree.isMissingNode()) {
      throw new InvalidRunRequestException("request body is required: " + example);
    }
    return tree;
  }

  /** A JSON object as plain Java values (maps, lists, strings, numbers, booleans, nulls). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> toMap(JsonNode object) {
    return JSON.treeToValue(object, Map.class);
  }

  private static String at(JacksonException e) {
    TokenStreamLocation location = e.getLocation();
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
