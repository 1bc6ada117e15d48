package io.agentstream.llm.simulator;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
import java.util.List;

/**
 * The real langchain4j OpenAI client pointed at a simulator, plus the prompt conventions the
 * project uses.
 */
final class SimulatorClient {

  static final String CONTINUE = "Continue exactly where you stopped. Do not repeat anything.";

  private final OpenAiStreamingChatModel model;

  SimulatorClient(OpenAiSimulator simulator) {
    this.model =
        OpenAiStreamingChatModel.builder()
            .baseUrl(simulator.baseUrl())
            .apiKey("sim")
            .modelName("agentstream-simulator")
            .timeout(Duration.ofSeconds(10))
            .build();
  }

  /** Streams a task request and waits for its outcome. */
  StreamCollector stream(String task, String material) throws InterruptedException {
    return stream(messages(task, material), new StreamCollector());
  }

  StreamCollector stream(List<ChatMessage> messages, StreamCollector collector)
      throws InterruptedException {
    model.chat(messages, collector);
    return collector.await();
  }

  /** Streams a request built by the caller (with parameters such as max tokens). */
  StreamCollector stream(ChatRequest request, StreamCollector collector)
      throws InterruptedException {
    model.chat(request, collector);
    return collector.await();
  }

  /**
   * Starts streaming without waiting, for streams the test cancels (a cancelled stream never
   * completes).
   */
  void startStreaming(String task, String material, StreamCollector collector) {
    model.chat(messages(task, material), collector);
  }

  /** The full text of a task request, which must succeed. */
  String fullText(String task, String material) throws InterruptedException {
    StreamCollector collector = stream(task, material);
    if (collector.error() != null) {
      throw new AssertionError("expected a reply for task " + task, collector.error());
    }
    return collector.text();
  }

  static List<ChatMessage> messages(String task, String material) {
    return List.of(
        SystemMessage.from("Task: " + task + "\nYou are a helpful travel assistant."),
        UserMessage.from(material));
  }

  /**
   * How the project asks to resume a step that was interrupted after delivering {@code partial}.
   */
  static List<ChatMessage> continuation(String task, String material, String partial) {
    return List.of(
        SystemMessage.from("Task: " + task + "\nYou are a helpful travel assistant."),
        UserMessage.from(material),
        AiMessage.from(partial),
        UserMessage.from(CONTINUE));
  }
}
