package io.agentstream.spring.sse;

import io.agentstream.spring.config.AgentstreamProperties;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The event stream, {@code GET /api/runs/{runId}/events}, and the open sessions that end when the
 * node shuts down ({@link SseSessions}).
 */
@Configuration(proxyBeanMethods = false)
@Import(RunEventsController.class)
public class SseConfiguration {

  /** A session notices the stop within its poll interval; this leaves it a second to write. */
  @Bean
  SseSessions sseSessions(AgentstreamProperties props) {
    AgentstreamProperties.Sse sse = props.sse();
    Duration poll =
        sse.keepAlive().compareTo(sse.pollInterval()) < 0 ? sse.keepAlive() : sse.pollInterval();
    return new SseSessions(poll.plusSeconds(1));
  }
}
