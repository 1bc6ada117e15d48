package io.agentstream.spring.web;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * What Tomcat does with requests before Spring sees them:
 *
 * <ul>
 *   <li>its own error answers are {@link Problem}s: the host's {@link ErrorReportValve} (Spring
 *       Boot's, or the stock one Tomcat adds to a host that has none) is replaced by {@link
 *       ProblemErrorReportValve};
 *   <li>{@code 100 Continue} is sent only when the application reads the body, so a client that
 *       asks first is told 413 (or 400, 404, 415) before it sends a body that would be refused.
 * </ul>
 *
 * Ordered last, after Spring Boot's customizer, which installs its valve from a context customizer
 * too.
 */
@Component
class TomcatCustomizer
    implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addConnectorCustomizers(
        connector -> connector.setProperty("continueResponseTiming", "onRead"));
    factory.addContextCustomizers(
        context -> {
          Container host = context.getParent();
          for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve) {
              host.getPipeline().removeValve(valve);
            }
          }
          host.getPipeline().addValve(new ProblemErrorReportValve());
          if (host instanceof StandardHost standard) {
            // The host adds a stock valve at start unless one of this class is in its pipeline.
            standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
          }
        });
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
