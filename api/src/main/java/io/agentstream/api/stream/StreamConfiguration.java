package io.agentstream.api.stream;

import io.agentstream.api.config.AgentstreamProperties;
import io.agentstream.step.StepWriters;
import io.agentstream.stream.InMemoryStreamChannel;
import io.agentstream.stream.StreamChannel;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The live channel ({@code agentstream.stream=memory} by default) and the step writers on it. */
@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

  @Bean
  @ConditionalOnProperty(name = "agentstream.stream", havingValue = "memory", matchIfMissing = true)
  StreamChannel inMemoryStreamChannel() {
    return new InMemoryStreamChannel();
  }

  @Bean(destroyMethod = "close")
  StepWriters stepWriters(StreamChannel channel, AgentstreamProperties props) {
    return new StepWriters(channel, props.steps().checkpointInterval());
  }
}
