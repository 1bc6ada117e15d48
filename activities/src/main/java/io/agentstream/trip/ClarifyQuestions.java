package io.agentstream.trip;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import io.agentstream.protocol.Question;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * The clarify step's structured reply: {@code {"questions":[{"id","text","default"}]}}, asked for
 * with {@code response_format: json_schema} and read into records. No substring cutting and no
 * silent fallback: a reply that is not this JSON fails the attempt with {@link
 * ModelPlaceSuggestions#NOT_MATCHING}, which Temporal retries.
 */
final class ClarifyQuestions {

  static final JsonSchema SCHEMA =
      JsonSchema.builder()
          .name("clarifying_questions")
          .rootElement(
              JsonObjectSchema.builder()
                  .addProperty(
                      "questions",
                      JsonArraySchema.builder()
                          .items(
                              JsonObjectSchema.builder()
                                  .addStringProperty("id")
                                  .addStringProperty("text")
                                  .addStringProperty("default")
                                  .required("id", "text", "default")
                                  .build())
                          .build())
                  .required("questions")
                  .build())
          .build();

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  record Reply(List<Item> questions) {}

  record Item(String id, String text, @JsonProperty("default") String defaultAnswer) {}

  private ClarifyQuestions() {}

  /** The questions of a reply; ones without an id or a text are left out. */
  static List<Question> parse(String reply) {
    Reply parsed;
    try {
      parsed = JSON.readValue(reply, Reply.class);
    } catch (Exception e) {
      throw notMatching(e.getMessage());
    }
    if (parsed == null || parsed.questions() == null) {
      throw notMatching("no questions array");
    }
    return parsed.questions().stream()
        .filter(q -> q != null && q.id() != null && !q.id().isBlank())
        .filter(q -> q.text() != null && !q.text().isBlank())
        .map(
            q ->
                new Question(
                    q.id(),
                    q.text(),
                    q.defaultAnswer() == null || q.defaultAnswer().isBlank()
                        ? "No preference"
                        : q.defaultAnswer()))
        .toList();
  }

  private static ApplicationFailure notMatching(String why) {
    return ApplicationFailure.newFailure(
        "the model's clarifying questions are not JSON of the schema: " + why,
        ModelPlaceSuggestions.NOT_MATCHING);
  }
}
