package io.agentstream.api.engine;

import io.agentstream.api.AppProperties;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Decides where Temporal is before any Temporal bean exists: {@code TEMPORAL_ADDRESS} (and {@code
 * TEMPORAL_NAMESPACE}) point at a real server; without it the process starts the embedded engine on
 * loopback and points the Temporal Spring Boot starter at it.
 */
public class EmbeddedEngineEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  static final String TARGET = "spring.temporal.connection.target";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    Map<String, Object> props = new HashMap<>();
    String namespace = env.getProperty("TEMPORAL_NAMESPACE");
    if (StringUtils.hasText(namespace)) {
      props.put("spring.temporal.namespace", namespace);
    }
    String address = env.getProperty("TEMPORAL_ADDRESS");
    if (StringUtils.hasText(address)) {
      props.put(TARGET, address);
    } else if (!StringUtils.hasText(env.getProperty(TARGET))) {
      int port =
          env.getProperty(
              "agentstream.engine.port",
              Integer.class,
              Integer.parseInt(AppProperties.Engine.DEFAULT_PORT));
      TemporalEngine engine = TemporalEngine.start(port);
      props.put(TARGET, engine.address());
      props.put("agentstream.temporal-in-process", "true");
      // The engine must outlive the worker: registered as the context's first disposable bean, it
      // is destroyed last, after the worker has drained and stopped. (Closing it on
      // ContextClosedEvent, before the worker stops, let a draining worker reconnect to a new
      // engine on the same port and take a task it would then die with.)
      application.addInitializers(
          context ->
              ((DefaultListableBeanFactory) context.getBeanFactory())
                  .registerDisposableBean("embeddedTemporalEngine", engine::close));
    }
    env.getPropertySources().addFirst(new MapPropertySource("agentstreamTemporalTarget", props));
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
