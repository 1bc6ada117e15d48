package io.agentstream.api.model;

import io.agentstream.api.AppProperties;
import io.agentstream.llm.ModelStream;
import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.llm.simulator.SimulatorSettings;
import io.agentstream.spring.config.AgentstreamProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The offline default of the one-command app: with no model key ({@code OPENAI_API_KEY} or {@code
 * agentstream.model.api-key}) every step streams from the built-in simulator, over real HTTP, so
 * the real langchain4j client is always exercised. With a key the starter's model applies.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ModelConfiguration.NoModelKey.class)
class ModelConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ModelConfiguration.class);

  @Bean(destroyMethod = "close")
  @Lazy
  OpenAiSimulator openAiSimulator(AppProperties app) {
    log.warn("No OPENAI_API_KEY set: using the built-in SIMULATED model, not a real LLM.");
    return OpenAiSimulator.start(
        new SimulatorSettings(app.simulator().port(), app.simulator().tokensPerSecond()));
  }

  @Bean
  @Lazy
  ModelStream modelStream(
      AgentstreamProperties props,
      OpenAiSimulator simulator,
      MeterRegistry meters,
      ObjectProvider<ObservationRegistry> observations) {
    log.info("Model: agentstream-simulator at {} (SIMULATED)", simulator.baseUrl());
    return new ModelStream(
        io.agentstream.spring.model.ModelConfiguration.client(props.model())
            .baseUrl(simulator.baseUrl())
            .apiKey("simulator")
            .modelName("agentstream-simulator")
            .build(),
        meters,
        observations.getIfAvailable(() -> ObservationRegistry.NOOP),
        io.agentstream.spring.model.ModelConfiguration.maxTokens(props, simulator.baseUrl()),
        props.model().structuredOutput());
  }

  /** No model key is configured. */
  static class NoModelKey implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      String key = context.getEnvironment().getProperty("agentstream.model.api-key", "");
      return key.isBlank();
    }
  }
}
