package io.agentstream.spring.web;

import io.agentstream.spring.config.AgentstreamProperties;
import io.agentstream.spring.run.InvalidRunRequestException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Body of {@code POST /api/runs/{runId}/answers}: question id to answer. */
@Schema(description = "Answers to the run's questions")
record AnswersRequest(
    @Schema(
            description = "answer by question id; questions left out take their default",
            example = "{\"travelers\": \"2 adults and a 10-year-old\", \"diet\": \"vegetarian\"}",
            requiredMode = Schema.RequiredMode.REQUIRED)
        Map<String, String> answers) {

  static final String EXAMPLE = "{\"answers\": {\"<questionId>\": \"<answer>\"}}";

  /**
   * The answers in a parsed body, within {@code agentstream.api.max-answers} and {@code
   * max-answer-length}, every one a string that passes {@link TextFields}. Whether the questions
   * exist and are pending is the workflow's to say.
   */
  static AnswersRequest of(JsonNode body, AgentstreamProperties.Api limits) {
    if (!body.isObject()) {
      throw new InvalidRunRequestException("the body must be a JSON object: " + EXAMPLE);
    }
    JsonNode answers = body.get("answers");
    if (answers == null || answers.isNull() || (answers.isObject() && answers.isEmpty())) {
      throw new InvalidRunRequestException("'answers' is required: " + EXAMPLE);
    }
    if (!answers.isObject()) {
      throw new InvalidRunRequestException(
          "'answers' must be a JSON object of question id to answer: " + EXAMPLE);
    }
    if (answers.size() > limits.maxAnswers()) {
      throw new InvalidRunRequestException(
          "'answers' holds "
              + answers.size()
              + " answers; at most "
              + limits.maxAnswers()
              + " are accepted");
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> answer : answers.properties()) {
      String id = answer.getKey();
      TextFields.require("a question id in answers", id);
      String field = TextFields.child("answers", id);
      if (id.isBlank()) {
        throw new InvalidRunRequestException("'answers' has an empty question id");
      }
      if (length(id) > limits.maxAnswerLength()) {
        throw new InvalidRunRequestException(
            "question id " + field + " is longer than " + limits.maxAnswerLength() + " characters");
      }
      JsonNode value = answer.getValue();
      if (value.isNull()) {
        throw new InvalidRunRequestException(field + " must be a string, not null");
      }
      if (!value.isString()) {
        throw new InvalidRunRequestException(field + " must be a string");
      }
      TextFields.require(field, value.stringValue());
      if (length(value.stringValue()) > limits.maxAnswerLength()) {
        throw new InvalidRunRequestException(
            field + " is longer than " + limits.maxAnswerLength() + " characters");
      }
      result.put(id, value.stringValue());
    }
    return new AnswersRequest(result);
  }

  /** Characters as a person counts them: code points, not UTF-16 units. */
  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }
}
