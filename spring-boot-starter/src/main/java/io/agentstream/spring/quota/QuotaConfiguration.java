package io.agentstream.spring.quota;

import io.agentstream.spring.config.AgentstreamProperties;
import io.agentstream.spring.config.LiveChannel;
import io.agentstream.spring.run.RunService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The quotas, with their buckets where the live channel is: this JVM, or Redis. */
@Configuration(proxyBeanMethods = false)
public class QuotaConfiguration {

  @Bean
  CallerBuckets callerBuckets(
      AgentstreamProperties props,
      @Value("${spring.data.redis.url:redis://127.0.0.1:6379}") String url) {
    return props.stream() == LiveChannel.REDIS
        ? new RedisCallerBuckets(url)
        : new LocalCallerBuckets();
  }

  @Bean
  Quotas quotas(CallerBuckets buckets, RunService runs, AgentstreamProperties props) {
    return new Quotas(buckets, runs, props);
  }
}
