package io.agentstream.spring.model;

import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.agentstream.llm.MaxTokens;
import io.agentstream.llm.ModelStream;
import io.agentstream.llm.StructuredOutput;
import io.agentstream.spring.config.AgentstreamProperties;
import io.agentstream.spring.config.ModelExtraBody;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The model every step streams from, unless the application declares its own {@link ModelStream}:
 * an OpenAI-compatible server from {@code agentstream.model.*} (or {@code OPENAI_API_KEY}, {@code
 * OPENAI_BASE_URL}, {@code OPENAI_MODEL}). The streaming client has no retry layer of its own:
 * Temporal's retry policy is the only one. Every call is sent with its step's {@code max_tokens}
 * ({@link #maxTokens}). Each call is observed in Spring Boot's {@link ObservationRegistry} (a span
 * per model call when the application traces). Lazy, so an {@code api}-only node needs no model.
 */
@Configuration(proxyBeanMethods = false)
public class ModelConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ModelConfiguration.class);

  @Bean
  @Lazy
  @ConditionalOnMissingBean
  ModelStream modelStream(
      AgentstreamProperties props,
      MeterRegistry meters,
      ObjectProvider<ObservationRegistry> observations) {
    AgentstreamProperties.Model m = props.model();
    MaxTokens maxTokens = maxTokens(props);
    log.info(
        "Model: {} at {}, max tokens {} (sent as {}), structured output {}, reasoning effort {}",
        m.name(),
        m.baseUrl(),
        maxTokens.defaultLimit(),
        maxTokens.parameter().wireName(),
        m.structuredOutput(),
        m.reasoningEffort().isEmpty() ? "the model's default" : m.reasoningEffort());
    return new ModelStream(
        client(m).build(),
        meters,
        observations.getIfAvailable(() -> ObservationRegistry.NOOP),
        maxTokens,
        m.structuredOutput());
  }

  /**
   * The streaming client of {@code agentstream.model.*}, for any {@link ModelStream} an application
   * builds (the app's simulator default changes only where it points). The streaming client never
   * retries by itself: Temporal's retry policy is the one layer. Reasoning a server sends in a
   * field of its own reaches {@link ModelStream}, which tells the step the model is thinking; it is
   * never part of the text, and it goes back to the server only with the tool calls it led to
   * ({@code send-thinking}). {@code reasoning-effort} and the fields of {@code extra-body} go with
   * every call where they are set.
   */
  public static OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder client(
      AgentstreamProperties.Model m) {
    OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder client =
        OpenAiStreamingChatModel.builder()
            .baseUrl(m.baseUrl())
            .apiKey(m.apiKey())
            .modelName(m.name())
            .timeout(m.timeout())
            .strictJsonSchema(m.structuredOutput() == StructuredOutput.STRICT_JSON_SCHEMA)
            .returnThinking(true)
            .sendThinking(m.sendThinking());
    if (!m.reasoningEffort().isEmpty()) {
      client.reasoningEffort(m.reasoningEffort());
    }
    Map<String, Object> extraBody = ModelExtraBody.parse(m.extraBody());
    return extraBody.isEmpty() ? client : client.customParameters(extraBody);
  }

  /**
   * The {@code max_tokens} of model calls from {@code agentstream.model.max-tokens} and {@code
   * agentstream.model.step-max-tokens.<step>}, for any {@link ModelStream} an application builds.
   */
  public static MaxTokens maxTokens(AgentstreamProperties props) {
    return maxTokens(props, props.model().baseUrl());
  }

  /**
   * The {@code max_tokens} of model calls to the server at {@code baseUrl}, which decides the field
   * that carries them when {@code agentstream.model.max-tokens-parameter} is {@code auto}.
   */
  public static MaxTokens maxTokens(AgentstreamProperties props, String baseUrl) {
    AgentstreamProperties.Model m = props.model();
    return new MaxTokens(
        m.maxTokens(), m.stepMaxTokens(), m.maxTokensParameter().forServer(baseUrl));
  }
}
