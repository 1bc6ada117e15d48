package io.agentstream.spring.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's error report as a {@link Problem} instead of an HTML page. It answers the requests that
 * fail before Spring sees them: a request line or header over {@code
 * server.max-http-request-header-size}, a malformed or forbidden address (an encoded slash, {@code
 * %zz}), an unknown HTTP version. Installed by {@link TomcatCustomizer}.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    // As the stock valve: only errors, only when nothing was written and nobody reported it yet.
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(true);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding("UTF-8");
      PrintWriter writer = response.getReporter();
      if (writer != null) {
        writer.write(Problem.forStatus(status).toJson());
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the response is unusable: there is nobody left to tell.
      container.getLogger().debug("error report not written", e);
    }
  }
}
