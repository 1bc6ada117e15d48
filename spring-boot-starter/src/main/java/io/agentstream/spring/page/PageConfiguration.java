package io.agentstream.spring.page;

import io.agentstream.spring.config.ServesApi;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.servlet.mvc.ParameterizableViewController;

/**
 * The live run page at {@code /} and {@code /runs/{runId}} (the second so that a reload or a shared
 * link opens that run; the page reads the run id from its address): it starts runs of any declared
 * agent, answers their questions and shows their events as they arrive, through the same API and
 * reducer module ({@code /js/agentstream.js}) a team's own page would use.
 *
 * <p>The page gives way to the application it is part of: its two addresses are mapped after the
 * application's own controllers and its welcome page ({@link #ORDER}), so an app with a home page
 * of its own keeps it (and the page stays at {@code /runs/{runId}}, unless the app maps that too),
 * and its files live under {@code /agentstream-page/}, never beside the app's static files. {@code
 * agentstream.page.enabled=false} serves nothing of it.
 */
@Configuration(proxyBeanMethods = false)
@ServesApi
@ConditionalOnProperty(
    name = "agentstream.page.enabled",
    havingValue = "true",
    matchIfMissing = true)
public class PageConfiguration implements WebMvcConfigurer {

  /** Where the page's entry point is served; its two addresses forward to it. */
  static final String INDEX = "/agentstream-page/index.html";

  /**
   * After the annotated controllers (order 0) and Spring Boot's welcome page mapping (order 2),
   * before static resources ({@code Ordered.LOWEST_PRECEDENCE - 1}).
   */
  static final int ORDER = 3;

  private static final String FILES = "classpath:/agentstream/page/";

  @Bean
  SimpleUrlHandlerMapping agentstreamPageMapping() {
    ParameterizableViewController page = new ParameterizableViewController();
    page.setViewName("forward:" + INDEX);
    return new SimpleUrlHandlerMapping(Map.of("/", page, "/runs/*", page), ORDER);
  }

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry.addResourceHandler("/agentstream-page/**").addResourceLocations(FILES);
  }
}
