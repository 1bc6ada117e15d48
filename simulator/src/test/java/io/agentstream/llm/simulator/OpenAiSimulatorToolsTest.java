package io.agentstream.llm.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tool calls and structured output through the real langchain4j OpenAI client: the simulator
 * streams two tool calls in one turn with arguments split over several chunks, and answers {@code
 * response_format: json_schema} with JSON that fits the schema and the destination asked about.
 */
class OpenAiSimulatorToolsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ToolSpecification SEARCH_PLACES =
      ToolSpecification.builder()
          .name("search_places")
          .description("Finds places to visit")
          .parameters(
              JsonObjectSchema.builder()
                  .addStringProperty("destination")
                  .addProperty(
                      "category",
                      JsonEnumSchema.builder().enumValues("attraction", "restaurant").build())
                  .addStringProperty("preferences")
                  .required("destination", "category", "preferences")
                  .build())
          .build();

  private static OpenAiSimulator simulator;
  private static OpenAiStreamingChatModel model;

  @BeforeAll
  static void start() {
    simulator = OpenAiSimulator.start(SimulatorSettings.defaults().withTokensPerSecond(0));
    model =
        OpenAiStreamingChatModel.builder()
            .baseUrl(simulator.baseUrl())
            .apiKey("sim")
            .modelName("agentstream-simulator")
            .strictJsonSchema(true)
            .timeout(Duration.ofSeconds(10))
            .build();
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  /** What one streamed reply delivered. */
  private record Streamed(
      List<PartialToolCall> partials, List<CompleteToolCall> completes, ChatResponse response) {}

  private static Streamed stream(ChatRequest request) throws Exception {
    List<PartialToolCall> partials = new CopyOnWriteArrayList<>();
    List<CompleteToolCall> completes = new CopyOnWriteArrayList<>();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    model.chat(
        request,
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partialResponse) {}

          @Override
          public void onPartialToolCall(PartialToolCall partialToolCall) {
            partials.add(partialToolCall);
          }

          @Override
          public void onCompleteToolCall(CompleteToolCall completeToolCall) {
            completes.add(completeToolCall);
          }

          @Override
          public void onCompleteResponse(ChatResponse completeResponse) {
            done.complete(completeResponse);
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }
        });
    return new Streamed(partials, completes, done.get(10, TimeUnit.SECONDS));
  }

  @Test
  void twoToolCallsInOneTurnStreamTheirArgumentsInSeveralChunks() throws Exception {
    Streamed streamed =
        stream(
            ChatRequest.builder()
                .messages(
                    SystemMessage.from("Task: research\nFind places."),
                    UserMessage.from("Plan a 4-day trip to Rome for two"))
                .toolSpecifications(SEARCH_PLACES)
                .build());

    List<ToolExecutionRequest> calls = streamed.response().aiMessage().toolExecutionRequests();
    assertThat(calls).hasSize(2);
    assertThat(calls).extracting(ToolExecutionRequest::name).containsOnly("search_places");
    assertThat(calls).extracting(ToolExecutionRequest::id).doesNotHaveDuplicates();
    JsonNode first = JSON.readTree(calls.get(0).arguments());
    JsonNode second = JSON.readTree(calls.get(1).arguments());
    assertThat(first.path("destination").asText()).isEqualTo("Rome");
    assertThat(List.of(first.path("category").asText(), second.path("category").asText()))
        .containsExactly("attraction", "restaurant");
    // Each call's arguments arrived in more than one piece, and the pieces add up to them.
    for (int i = 0; i < 2; i++) {
      int index = i;
      List<PartialToolCall> pieces =
          streamed.partials().stream().filter(p -> p.index() == index).toList();
      assertThat(pieces).hasSizeGreaterThan(1);
      assertThat(String.join("", pieces.stream().map(PartialToolCall::partialArguments).toList()))
          .isEqualTo(calls.get(i).arguments());
    }
    assertThat(streamed.completes()).hasSize(2);
  }

  @Test
  void aRoundOfToolCallsLongerThanMaxTokensStopsThereWithFinishReasonLength() throws Exception {
    Streamed streamed =
        stream(
            ChatRequest.builder()
                .messages(
                    SystemMessage.from("Task: research\nFind places."),
                    UserMessage.from("Plan a 4-day trip to Rome for two"))
                .toolSpecifications(SEARCH_PLACES)
                .maxOutputTokens(3)
                .build());

    assertThat(streamed.response().finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(streamed.partials()).hasSize(3);
    assertThat(streamed.response().tokenUsage().outputTokenCount()).isEqualTo(3);
    // The first call's arguments stop mid-way: they are not yet JSON.
    String arguments = streamed.response().aiMessage().toolExecutionRequests().get(0).arguments();
    assertThat(arguments).startsWith("{").doesNotEndWith("}");
  }

  @Test
  void onceToolResultsAreInTheConversationTheModelAnswersInText() throws Exception {
    ToolExecutionRequest call =
        ToolExecutionRequest.builder()
            .id("call_1")
            .name("search_places")
            .arguments("{\"destination\":\"Rome\"}")
            .build();
    ChatResponse response =
        stream(
                ChatRequest.builder()
                    .messages(
                        SystemMessage.from("Task: answer\nAnswer."),
                        UserMessage.from("What should I see in Rome?"),
                        AiMessage.from(call),
                        ToolExecutionResultMessage.from(call, "[\"Colosseum\"]"))
                    .toolSpecifications(SEARCH_PLACES)
                    .build())
            .response();

    assertThat(response.aiMessage().hasToolExecutionRequests()).isFalse();
    assertThat(response.aiMessage().text()).isNotBlank();
  }

  @Test
  void aJsonSchemaResponseFormatGetsJsonThatFitsTheSchemaAndTheDestination() throws Exception {
    JsonSchema schema =
        JsonSchema.builder()
            .name("candidates")
            .rootElement(
                JsonObjectSchema.builder()
                    .addProperty(
                        "places",
                        JsonArraySchema.builder()
                            .items(
                                JsonObjectSchema.builder()
                                    .addStringProperty("name")
                                    .addStringProperty("destination")
                                    .addProperty(
                                        "category",
                                        JsonEnumSchema.builder().enumValues("attraction").build())
                                    .required("name", "destination", "category")
                                    .build())
                            .build())
                    .required("places")
                    .build())
            .build();
    ChatResponse response =
        stream(
                ChatRequest.builder()
                    .messages(
                        SystemMessage.from("Task: suggest-candidates\nSuggest places."),
                        UserMessage.from("Suggest attractions in Kyoto"))
                    .responseFormat(
                        ResponseFormat.builder()
                            .type(ResponseFormat.JSON.type())
                            .jsonSchema(schema)
                            .build())
                    .build())
            .response();

    JsonNode places = JSON.readTree(response.aiMessage().text()).path("places");
    assertThat(places.isArray()).isTrue();
    assertThat(places).hasSize(2);
    for (JsonNode place : places) {
      assertThat(place.path("destination").asText()).isEqualTo("Kyoto");
      assertThat(place.path("category").asText()).isEqualTo("attraction");
      assertThat(place.path("name").asText()).contains("Kyoto");
    }
  }
}
