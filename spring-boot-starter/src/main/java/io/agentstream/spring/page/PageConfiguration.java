package io.agentstream.spring.page;

import io.agentstream.spring.config.ServesApi;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The live run page at {@code /}: it starts runs of any declared agent, answers their questions and
 * shows their events as they arrive, through the same API and reducer module ({@code
 * /js/agentstream.js}) a team's own page would use. Its files are not in a static-resource folder,
 * so an application that switches it off ({@code agentstream.page.enabled=false}), or has a home
 * page of its own, serves nothing of it.
 */
@Configuration(proxyBeanMethods = false)
@ServesApi
@ConditionalOnProperty(
    name = "agentstream.page.enabled",
    havingValue = "true",
    matchIfMissing = true)
@Import(RunPageController.class)
public class PageConfiguration implements WebMvcConfigurer {

  /** Where the page's entry point is served; the controller forwards to it. */
  static final String INDEX = "/agentstream-page/index.html";

  private static final String FILES = "classpath:/agentstream/page/";

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry.addResourceHandler("/app.js", "/app.css").addResourceLocations(FILES);
    registry.addResourceHandler("/agentstream-page/**").addResourceLocations(FILES);
  }
}
