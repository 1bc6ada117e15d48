package io.agentstream.spring.redis;

import io.agentstream.spring.config.LiveChannel;
import io.agentstream.spring.config.OnLiveChannel;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** With {@code agentstream.stream=redis}: the Redis of {@code spring.data.redis.*}. */
@Configuration(proxyBeanMethods = false)
@OnLiveChannel(LiveChannel.REDIS)
public class RedisConfiguration {

  @Bean
  RedisConnection agentstreamRedisConnection(
      Environment environment, ObjectProvider<SslBundles> bundles) {
    return RedisConnections.from(environment, Optional.ofNullable(bundles.getIfAvailable()));
  }
}
