package io.agentstream.spring.stream;

import io.agentstream.spring.config.AgentstreamProperties;
import io.agentstream.spring.config.LiveChannel;
import io.agentstream.spring.config.OnLiveChannel;
import io.agentstream.step.StepWriters;
import io.agentstream.stream.InMemoryStreamChannel;
import io.agentstream.stream.RedisChannelSettings;
import io.agentstream.stream.RedisStreamChannel;
import io.agentstream.stream.StreamChannel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The live channel and the step writers on it. {@code agentstream.stream=memory} (the default)
 * keeps streams in this JVM; {@code redis} shares them between API nodes and workers through the
 * Redis at {@code spring.data.redis.url}.
 */
@Configuration(proxyBeanMethods = false)
public class StreamConfiguration {

  @Bean
  @ConditionalOnMissingBean
  @OnLiveChannel(LiveChannel.MEMORY)
  StreamChannel inMemoryStreamChannel() {
    return new InMemoryStreamChannel();
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  StepWriters stepWriters(StreamChannel channel, AgentstreamProperties props) {
    return new StepWriters(channel, props.steps().checkpointInterval());
  }

  /** The Redis live channel and its health; only with {@code agentstream.stream=redis}. */
  @Configuration(proxyBeanMethods = false)
  @OnLiveChannel(LiveChannel.REDIS)
  static class RedisStream {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(StreamChannel.class)
    RedisStreamChannel redisStreamChannel(
        @Value("${spring.data.redis.url:redis://127.0.0.1:6379}") String url,
        AgentstreamProperties props) {
      AgentstreamProperties.Redis redis = props.redis();
      return new RedisStreamChannel(
          url,
          new RedisChannelSettings(
              redis.maxEventsPerRun(),
              redis.retentionAfterEnd(),
              redis.idleRetention(),
              redis.commandTimeout()));
    }

    @Bean
    LiveChannelHealthIndicator liveChannel(RedisStreamChannel channel) {
      return new LiveChannelHealthIndicator(channel);
    }
  }
}
