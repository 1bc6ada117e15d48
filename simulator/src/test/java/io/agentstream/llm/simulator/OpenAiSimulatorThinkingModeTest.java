package io.agentstream.llm.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator as a server in DeepSeek's thinking mode, through the real langchain4j client: it
 * reasons before a round of tool calls too, and refuses a conversation whose tool-calling turn
 * comes back without that reasoning, as the real API does with HTTP 400.
 */
class OpenAiSimulatorThinkingModeTest {

  private static final ToolSpecification CALCULATE =
      ToolSpecification.builder()
          .name("calculate")
          .description("Exact arithmetic")
          .parameters(
              JsonObjectSchema.builder()
                  .addStringProperty("expression")
                  .required("expression")
                  .build())
          .build();

  private static OpenAiSimulator simulator;

  @BeforeAll
  static void start() {
    simulator = OpenAiSimulator.start(SimulatorSettings.defaults().withTokensPerSecond(0));
    simulator.reason(SimulatedReasoning.IN_REASONING_FIELD);
    simulator.requireReasoningBack(true);
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  private static OpenAiStreamingChatModel client(boolean sendThinking) {
    return OpenAiStreamingChatModel.builder()
        .baseUrl(simulator.baseUrl())
        .apiKey("sim")
        .modelName("agentstream-simulator")
        .timeout(Duration.ofSeconds(10))
        .returnThinking(true)
        .sendThinking(sendThinking)
        .build();
  }

  private static ChatResponse chat(OpenAiStreamingChatModel model, List<ChatMessage> messages)
      throws Exception {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    model.chat(
        ChatRequest.builder().messages(messages).toolSpecifications(CALCULATE).build(),
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partialResponse) {}

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

  private static List<ChatMessage> question() {
    return new ArrayList<>(
        List.of(
            SystemMessage.from("Task: answer\nUse the calculate tool for arithmetic."),
            UserMessage.from("What is 1,250 * 12 + 99?")));
  }

  /** The conversation after the model's tool turn {@code turn} and the tool's result. */
  private static List<ChatMessage> afterTheCall(AiMessage turn) {
    List<ChatMessage> messages = question();
    messages.add(turn);
    ToolExecutionRequest call = turn.toolExecutionRequests().get(0);
    messages.add(ToolExecutionResultMessage.from(call, "{\"result\":\"15099\"}"));
    return messages;
  }

  @Test
  void aRoundOfToolCallsComesWithTheReasoningBeforeIt() throws Exception {
    AiMessage turn = chat(client(true), question()).aiMessage();

    assertThat(turn.hasToolExecutionRequests()).isTrue();
    assertThat(turn.toolExecutionRequests().get(0).name()).isEqualTo("calculate");
    assertThat(turn.thinking()).contains("A tool can tell me what I do not know");
  }

  @Test
  void toolCallsSentBackWithTheirReasoningAreAnswered() throws Exception {
    OpenAiStreamingChatModel model = client(true);
    AiMessage turn = chat(model, question()).aiMessage();

    ChatResponse answer = chat(model, afterTheCall(turn));

    assertThat(answer.aiMessage().hasToolExecutionRequests()).isFalse();
    assertThat(answer.aiMessage().text()).contains("15099");
  }

  @Test
  void toolCallsSentBackWithoutTheirReasoningAreRefusedAsDeepSeekDoes() throws Exception {
    AiMessage turn = chat(client(true), question()).aiMessage();

    ExecutionException refused =
        assertThrows(ExecutionException.class, () -> chat(client(false), afterTheCall(turn)));

    assertThat(refused.getCause())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("reasoning_content in the thinking mode must be passed back");
  }
}
