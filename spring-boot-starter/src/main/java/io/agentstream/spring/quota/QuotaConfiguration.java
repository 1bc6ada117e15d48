package io.agentstream.spring.quota;

import io.agentstream.spring.config.AgentstreamProperties;
import io.agentstream.spring.config.LiveChannel;
import io.agentstream.spring.config.OnLiveChannel;
import io.agentstream.spring.redis.RedisConnection;
import io.agentstream.spring.run.RunService;
import io.lettuce.core.RedisClient;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The quotas, with their state where the live channel is: this JVM, or Redis. */
@Configuration(proxyBeanMethods = false)
public class QuotaConfiguration {

  /** The Redis the quotas share, with {@code stream=redis} only. */
  @Bean(destroyMethod = "shutdown", defaultCandidate = false)
  @OnLiveChannel(LiveChannel.REDIS)
  RedisClient quotaRedisClient(RedisConnection connection) {
    RedisClient client = RedisClient.create(connection.uri());
    client.setOptions(connection.clientOptions().build());
    return client;
  }

  @Bean
  CallerBuckets callerBuckets(
      AgentstreamProperties props,
      @Qualifier("quotaRedisClient") ObjectProvider<RedisClient> redis) {
    return props.stream() == LiveChannel.REDIS
        ? new RedisCallerBuckets(redis.getObject())
        : new LocalCallerBuckets();
  }

  @Bean
  AdmittedRuns admittedRuns(
      AgentstreamProperties props,
      @Qualifier("quotaRedisClient") ObjectProvider<RedisClient> redis) {
    Duration keep = ActiveRuns.admissionsKept(props.quotas().activeRunsRefresh());
    return props.stream() == LiveChannel.REDIS
        ? new RedisAdmittedRuns(redis.getObject(), keep)
        : new LocalAdmittedRuns(keep);
  }

  @Bean
  ActiveRuns activeRuns(RunService runs, AdmittedRuns admitted, AgentstreamProperties props) {
    return new ActiveRuns(
        runs::openRuns, admitted, props.quotas().activeRunsRefresh(), Clock.systemUTC());
  }

  @Bean
  Quotas quotas(CallerBuckets buckets, ActiveRuns activeRuns, AgentstreamProperties props) {
    return new Quotas(buckets, activeRuns, props);
  }
}
