package io.agentstream.spring.config;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Lets the model be configured the way OpenAI users expect: {@code OPENAI_API_KEY}, {@code
 * OPENAI_BASE_URL} and {@code OPENAI_MODEL} stand for {@code agentstream.model.api-key}, {@code
 * base-url} and {@code name} when those are not set. Added last, so any explicit setting wins, and
 * only for variables that are set, so the defaults stay in {@link AgentstreamProperties.Model}.
 */
public class OpenAiEnvironmentPostProcessor implements EnvironmentPostProcessor {

  private static final Map<String, String> VARIABLES =
      Map.of(
          "OPENAI_API_KEY", "agentstream.model.api-key",
          "OPENAI_BASE_URL", "agentstream.model.base-url",
          "OPENAI_MODEL", "agentstream.model.name");

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    Map<String, Object> mapped = new HashMap<>();
    VARIABLES.forEach(
        (variable, property) -> {
          String value = env.getProperty(variable);
          if (StringUtils.hasText(value)) {
            mapped.put(property, value);
          }
        });
    if (!mapped.isEmpty()) {
      env.getPropertySources().addLast(new MapPropertySource("agentstreamOpenAiVariables", mapped));
    }
  }
}
