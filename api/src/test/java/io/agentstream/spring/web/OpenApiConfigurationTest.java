package io.agentstream.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * springdoc is an optional dependency of the starter: an application without it on its classpath
 * must start with no OpenAPI beans and no error, and one with it gets the document's customizer.
 */
class OpenApiConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(OpenApiConfiguration.class);

  @Test
  void backsOffWithoutSpringdocOnTheClasspath() {
    runner
        .withClassLoader(new FilteredClassLoader("org.springdoc"))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(OpenApiConfiguration.class);
            });
  }

  @Test
  void describesTheApiWhenSpringdocIsThere() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasSingleBean(OpenApiConfiguration.class);
        });
  }

  @Test
  void aWorkerHasNoDocument() {
    runner
        .withPropertyValues("agentstream.role=worker")
        .run(context -> assertThat(context).doesNotHaveBean(OpenApiConfiguration.class));
  }
}
