package io.agentstream.llm.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The meeting-notes date conversation through the real langchain4j client: one {@code resolve_date}
 * call per dated item, all in one turn, arguments streamed in pieces; text once the results are in.
 */
class NotesDateConversationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ToolSpecification RESOLVE_DATE =
      ToolSpecification.builder()
          .name("resolve_date")
          .parameters(
              JsonObjectSchema.builder()
                  .addIntegerProperty("item")
                  .addStringProperty("expression")
                  .required("item", "expression")
                  .build())
          .build();
  private static final String ITEMS =
      String.join(
          "\n",
          "Meeting date: 2026-03-12 (Thursday)",
          "Action items with due dates:",
          "1. Dana: send the revised budget to finance (due Friday)",
          "3. Priya: review the launch checklist (due Monday)",
          "4. Li: follow up with the design agency (due next week)");

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
            .timeout(Duration.ofSeconds(10))
            .build();
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  private static ChatResponse chat(List<PartialToolCall> pieces, ChatRequest request)
      throws Exception {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    model.chat(
        request,
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partialResponse) {}

          @Override
          public void onPartialToolCall(PartialToolCall partialToolCall) {
            pieces.add(partialToolCall);
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
    return done.get(10, TimeUnit.SECONDS);
  }

  @Test
  void callsResolveDateForEveryDatedItemInOneTurnWithItsNumberAndDueDateAsWritten()
      throws Exception {
    List<PartialToolCall> pieces = new CopyOnWriteArrayList<>();
    ChatResponse response =
        chat(
            pieces,
            ChatRequest.builder()
                .messages(
                    SystemMessage.from("Task: resolve-due-dates\nResolve the due dates."),
                    UserMessage.from(ITEMS))
                .toolSpecifications(RESOLVE_DATE)
                .build());

    List<ToolExecutionRequest> calls = response.aiMessage().toolExecutionRequests();
    assertThat(calls).extracting(ToolExecutionRequest::name).containsOnly("resolve_date");
    assertThat(calls)
        .extracting(c -> JSON.readTree(c.arguments()))
        .extracting(a -> a.path("item").asInt() + " " + a.path("expression").asText())
        .containsExactly("1 Friday", "3 Monday", "4 next week");
    assertThat(calls).extracting(ToolExecutionRequest::id).doesNotHaveDuplicates();
    // The arguments came in pieces, as a real model streams them.
    assertThat(pieces.stream().filter(p -> p.index() == 0)).hasSizeGreaterThan(1);
  }

  @Test
  void theTurnAfterTheResultsIsText() throws Exception {
    ToolExecutionRequest call =
        ToolExecutionRequest.builder()
            .id("call_1")
            .name("resolve_date")
            .arguments("{\"item\":4,\"expression\":\"the next meeting\"}")
            .build();
    ChatResponse response =
        chat(
            new CopyOnWriteArrayList<>(),
            ChatRequest.builder()
                .messages(
                    SystemMessage.from("Task: resolve-due-dates\nResolve the due dates."),
                    UserMessage.from(ITEMS),
                    AiMessage.from(call),
                    ToolExecutionResultMessage.from(call, "{\"error\":\"no calendar date\"}"))
                .toolSpecifications(RESOLVE_DATE)
                .build());

    assertThat(response.aiMessage().hasToolExecutionRequests()).isFalse();
    assertThat(response.aiMessage().text()).isNotBlank();
  }
}
