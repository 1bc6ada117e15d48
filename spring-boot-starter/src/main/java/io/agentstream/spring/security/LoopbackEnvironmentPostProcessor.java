package io.agentstream.spring.security;

import io.agentstream.spring.config.Role;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Without API keys or JWTs (Spring's {@code spring.security.oauth2.resourceserver.jwt.*}) the API
 * serves anyone who can reach it, so it must be reachable from this machine only: with no keys and
 * no {@code server.address} the server binds 127.0.0.1; with no keys and a {@code server.address}
 * that is not loopback the application refuses to start. Runs before anything else starts (the
 * embedded engine too).
 */
public class LoopbackEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  static final String KEYS = "agentstream.security.api-keys";

  /** Spring Boot's resource-server settings, any of which turns JWT authentication on. */
  private static final List<String> JWT_LOCATIONS =
      List.of(
          "spring.security.oauth2.resourceserver.jwt.issuer-uri",
          "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
          "spring.security.oauth2.resourceserver.jwt.public-key-location");

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    if (!Role.of(env).servesApi()
        || !Binder.get(env).bind("agentstream.api.enabled", Boolean.class).orElse(true)) {
      return;
    }
    String keys = Binder.get(env).bind(KEYS, String.class).orElse("");
    if (!keys.isBlank() || jwtConfigured(env)) {
      return;
    }
    String address = env.getProperty("server.address");
    if (address == null || address.isBlank()) {
      env.getPropertySources()
          .addLast(
              new MapPropertySource(
                  "agentstreamLoopbackOnly", Map.of("server.address", "127.0.0.1")));
    } else if (!CallerAuthenticationFilter.isLoopback(address)) {
      throw new IllegalStateException(
          "agentstream will not serve anonymous callers on server.address="
              + address
              + ": configure API keys in "
              + KEYS
              + " (AGENTSTREAM_SECURITY_API_KEYS; make one with 'java -jar agentstream.jar new-key"
              + " <caller>'), or JWTs in spring.security.oauth2.resourceserver.jwt.issuer-uri or"
              + " jwk-set-uri, or bind server.address to 127.0.0.1");
    }
  }

  /** Whether Spring Boot will make a JWT decoder, which makes bearer tokens a way in. */
  private static boolean jwtConfigured(ConfigurableEnvironment env) {
    return JWT_LOCATIONS.stream()
        .anyMatch(name -> !Binder.get(env).bind(name, String.class).orElse("").isBlank());
  }

  /** After the configuration files are read, before the embedded engine starts. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE - 10;
  }
}
