package io.agentstream.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstream.step.LogContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;

/** A request about a run has its runId in the MDC while the request thread works on it. */
class RunRequestLoggingTest {

  private final RunRequestLogging.RunInMdc interceptor = new RunRequestLogging.RunInMdc();
  private final MockHttpServletResponse response = new MockHttpServletResponse();

  @Test
  void theRunOfThePathIsInTheMdcUntilTheRequestThreadIsDone() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/runs/run-1/events");
    request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("runId", "run-1"));

    interceptor.preHandle(request, response, new Object());
    assertThat(MDC.get(LogContext.RUN_ID)).isEqualTo("run-1");
    // An SSE response: the request thread lets go; the session's own thread sets its own.
    interceptor.afterConcurrentHandlingStarted(request, response, new Object());
    assertThat(MDC.get(LogContext.RUN_ID)).isNull();

    interceptor.preHandle(request, response, new Object());
    interceptor.afterCompletion(request, response, new Object(), null);
    assertThat(MDC.get(LogContext.RUN_ID)).isNull();
  }

  @Test
  void aRequestAboutNoRunLeavesTheMdcAlone() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/runs");
    interceptor.preHandle(request, response, new Object());
    assertThat(MDC.get(LogContext.RUN_ID)).isNull();
    interceptor.afterCompletion(request, response, new Object(), null);
  }
}
