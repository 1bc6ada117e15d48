package io.agentstream.spring.web;

import io.agentstream.spring.config.ServesApi;
import io.agentstream.step.LogContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.AsyncHandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the run a request is about (the {@code {runId}} of its path) into the MDC of the request's
 * thread, from the handler's start to the response, so the controllers' and the error mapping's log
 * lines name it. An SSE session's own thread sets it for itself.
 */
@Configuration(proxyBeanMethods = false)
@ServesApi
class RunRequestLogging implements WebMvcConfigurer {

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new RunInMdc()).addPathPatterns("/api/runs/*", "/api/runs/*/**");
  }

  /**
   * Opens the log context when the handler starts and closes it when the request thread is done.
   */
  static final class RunInMdc implements AsyncHandlerInterceptor {

    private static final String CONTEXT = RunInMdc.class.getName() + ".context";

    @Override
    public boolean preHandle(
        HttpServletRequest request, HttpServletResponse response, Object handler) {
      if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)
              instanceof Map<?, ?> variables
          && variables.get("runId") instanceof String runId) {
        request.setAttribute(CONTEXT, LogContext.ofRun(runId));
      }
      return true;
    }

    @Override
    public void afterConcurrentHandlingStarted(
        HttpServletRequest request, HttpServletResponse response, Object handler) {
      close(request);
    }

    @Override
    public void afterCompletion(
        HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
      close(request);
    }

    private static void close(HttpServletRequest request) {
      if (request.getAttribute(CONTEXT) instanceof LogContext context) {
        request.removeAttribute(CONTEXT);
        context.close();
      }
    }
  }
}
