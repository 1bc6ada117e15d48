package io.agentstream.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.llm.simulator.SimulatorSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Through the real langchain4j client against a simulated server that, like some OpenAI-compatible
 * APIs, takes {@code response_format: json_object} but refuses {@code json_schema}: with the schema
 * modes every structured step would fail with a clear, non-retried error; in {@link
 * StructuredOutput#JSON_OBJECT} mode the schema goes in the prompt and the reply fits it.
 */
class StructuredOutputModesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSchema QUESTIONS =
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
                                  .required("id", "text")
                                  .build())
                          .build())
                  .required("questions")
                  .build())
          .build();
  // A task the simulator has no reply of its own for: it answers from the schema it is given.
  private static final Prompt CLARIFY =
      new Prompt(
          "open-questions",
          "List what the request leaves open, each with a short id and the question.",
          "Plan a 4-day trip to Rome");

  private OpenAiSimulator simulator;

  @BeforeEach
  void setUp() {
    simulator = OpenAiSimulator.start(new SimulatorSettings(0, 0));
    simulator.acceptJsonSchema(false);
  }

  @AfterEach
  void tearDown() {
    simulator.close();
  }

  private ModelStream model(StructuredOutput mode) {
    return new ModelStream(
        OpenAiStreamingChatModel.builder()
            .baseUrl(simulator.baseUrl())
            .apiKey("sim")
            .modelName("agentstream-simulator")
            .strictJsonSchema(mode == StructuredOutput.STRICT_JSON_SCHEMA)
            .build(),
        new SimpleMeterRegistry(),
        ObservationRegistry.NOOP,
        MaxTokens.NONE,
        mode);
  }

  @Test
  void aServerWithoutJsonSchemaRefusesTheSchemaModesWithAClearErrorThatIsNotRetried() {
    for (StructuredOutput mode :
        new StructuredOutput[] {
          StructuredOutput.STRICT_JSON_SCHEMA, StructuredOutput.JSON_SCHEMA
        }) {
      ApplicationFailure failure =
          catchThrowableOfType(
              () -> model(mode).structured(CLARIFY, QUESTIONS, () -> false),
              ApplicationFailure.class);

      assertThat(failure).as(mode.name()).isNotNull();
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getOriginalMessage())
          .startsWith("the model server refused the request: ")
          .contains("response_format");
    }
  }

  @Test
  void jsonObjectModePutsTheSchemaInThePromptAndTheReplyFitsIt() throws Exception {
    String reply = model(StructuredOutput.JSON_OBJECT).structured(CLARIFY, QUESTIONS, () -> false);

    JsonNode questions = JSON.readTree(reply).path("questions");
    assertThat(questions.isArray()).isTrue();
    assertThat(questions).isNotEmpty();
    assertThat(questions)
        .allSatisfy(
            q -> {
              assertThat(q.path("id").asText()).isNotBlank();
              assertThat(q.path("text").asText()).isNotBlank();
            });
  }

  @Test
  void withJsonSchemaAcceptedTheStrictModeStillWorks() throws Exception {
    simulator.acceptJsonSchema(true);

    String reply =
        model(StructuredOutput.STRICT_JSON_SCHEMA).structured(CLARIFY, QUESTIONS, () -> false);

    assertThat(JSON.readTree(reply).path("questions").isArray()).isTrue();
  }
}
