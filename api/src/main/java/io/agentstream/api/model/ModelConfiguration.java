package io.agentstream.api.model;

import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.agentstream.api.config.AgentstreamProperties;
import io.agentstream.llm.ModelStream;
import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.llm.simulator.SimulatorSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The model every step streams from: an OpenAI-compatible server configured the way OpenAI users
 * expect ({@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL}, {@code OPENAI_MODEL}), or, with no key,
 * the built-in simulator over real HTTP so the real client is always exercised. The streaming
 * client has no retry layer of its own: Temporal's retry policy is the only one.
 */
@Configuration(proxyBeanMethods = false)
class ModelConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ModelConfiguration.class);

  @Bean(destroyMethod = "close")
  @Lazy
  OpenAiSimulator openAiSimulator(AgentstreamProperties props) {
    log.warn("No OPENAI_API_KEY set: using the built-in SIMULATED model, not a real LLM.");
    return OpenAiSimulator.start(
        new SimulatorSettings(props.simulator().port(), props.simulator().tokensPerSecond()));
  }

  @Bean
  @Lazy
  ModelStream modelStream(
      AgentstreamProperties props,
      ObjectProvider<OpenAiSimulator> simulator,
      MeterRegistry meters) {
    AgentstreamProperties.Model m = props.model();
    boolean simulated = m.apiKey().isBlank();
    String baseUrl = simulated ? simulator.getObject().baseUrl() : m.baseUrl();
    log.info(
        "Model: {} at {}{}",
        simulated ? "agentstream-simulator" : m.name(),
        baseUrl,
        simulated ? " (SIMULATED)" : "");
    return new ModelStream(
        OpenAiStreamingChatModel.builder()
            .baseUrl(baseUrl)
            .apiKey(simulated ? "simulator" : m.apiKey())
            .modelName(simulated ? "agentstream-simulator" : m.name())
            .timeout(m.timeout())
            .build(),
        meters);
  }
}
