package io.agentstream.spring.stream;

import io.agentstream.spring.config.AgentstreamProperties;
import io.agentstream.spring.config.LiveChannel;
import io.agentstream.spring.config.OnLiveChannel;
import io.agentstream.spring.redis.RedisConnection;
import io.agentstream.step.StepWriters;
import io.agentstream.stream.InMemoryStreamChannel;
import io.agentstream.stream.MeteredStreamChannel;
import io.agentstream.stream.RedisChannelSettings;
import io.agentstream.stream.RedisStreamChannel;
import io.agentstream.stream.StreamChannel;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The live channel and the step writers on it. {@code agentstream.stream=memory} (the default)
 * keeps streams in this JVM; {@code redis} shares them between API nodes and workers through the
 * Redis of Spring Boot's {@code spring.data.redis.*} settings ({@link RedisConnection}). Either way
 * the {@link StreamChannel} bean is a {@link MeteredStreamChannel} around it, so appends are
 * measured the same way.
 */
@Configuration(proxyBeanMethods = false)
public class StreamConfiguration {

  @Bean
  @ConditionalOnMissingBean
  @OnLiveChannel(LiveChannel.MEMORY)
  StreamChannel inMemoryStreamChannel(MeterRegistry meters) {
    return new MeteredStreamChannel(new InMemoryStreamChannel(), meters);
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  StepWriters stepWriters(
      StreamChannel channel, AgentstreamProperties props, MeterRegistry meters) {
    return new StepWriters(channel, props.steps().checkpointInterval(), meters);
  }

  /**
   * The Redis live channel and its health; only with {@code agentstream.stream=redis} and no {@link
   * StreamChannel} of the application's own.
   */
  @Configuration(proxyBeanMethods = false)
  @OnLiveChannel(LiveChannel.REDIS)
  @ConditionalOnMissingBean(StreamChannel.class)
  static class RedisStream {

    /**
     * The Redis channel itself, for its health and its lifecycle; injected only where asked for by
     * name, so every {@link StreamChannel} user gets the metered one below.
     */
    @Bean(destroyMethod = "close", defaultCandidate = false)
    RedisStreamChannel redisStreamChannel(RedisConnection connection, AgentstreamProperties props) {
      AgentstreamProperties.Redis redis = props.redis();
      return new RedisStreamChannel(
          connection.uri(),
          connection.ssl().orElse(null),
          new RedisChannelSettings(
              redis.maxEventsPerRun(),
              redis.retentionAfterEnd(),
              redis.idleRetention(),
              redis.commandTimeout()),
          Clock.systemUTC());
    }

    @Bean
    StreamChannel meteredRedisStreamChannel(
        @Qualifier("redisStreamChannel") RedisStreamChannel redis, MeterRegistry meters) {
      return new MeteredStreamChannel(redis, meters);
    }

    @Bean
    LiveChannelHealthIndicator liveChannel(
        @Qualifier("redisStreamChannel") RedisStreamChannel channel) {
      return new LiveChannelHealthIndicator(channel);
    }
  }
}
