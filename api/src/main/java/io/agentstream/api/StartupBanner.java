package io.agentstream.api;

import io.agentstream.spring.config.AgentstreamProperties;
import io.agentstream.spring.security.ApiKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells the person who just started agentstream where to go and what to try first. */
@Component
class StartupBanner {

  private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

  private final AgentstreamProperties props;
  private final Environment env;

  StartupBanner(AgentstreamProperties props, Environment env) {
    this.props = props;
    this.env = env;
  }

  @EventListener
  void ready(ApplicationReadyEvent event) {
    String temporal = env.getProperty("spring.temporal.connection.target");
    String engine =
        props.temporalInProcess() ? temporal + " (embedded in-memory test server)" : temporal;
    if (!props.role().servesApi()) {
      log.info("agentstream worker ready; Temporal at {}", engine);
      return;
    }
    int port =
        event.getApplicationContext() instanceof WebServerApplicationContext web
            ? web.getWebServer().getPort()
            : 8080;
    String base = "http://localhost:" + port;
    int keys = ApiKeys.parse(props.security().apiKeys()).size();
    String jwtAt =
        env.getProperty(
            "spring.security.oauth2.resourceserver.jwt.issuer-uri",
            env.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", ""));
    boolean jwt = !jwtAt.isBlank();
    String security =
        keys == 0 && !jwt
            ? "anonymous, loopback only (no agentstream.security.api-keys; bound to "
                + env.getProperty("server.address")
                + ")"
            : (keys > 0 ? "API keys (" + keys + " configured)" : "")
                + (keys > 0 && jwt ? " and " : "")
                + (jwt ? "OAuth2/OIDC JWTs from " + jwtAt : "")
                + "; send 'Authorization: Bearer <key or token>'";
    String auth = keys == 0 && !jwt ? "" : " -H 'Authorization: Bearer <key>'";
    log.info(
        """

        agentstream is up ({} role; Temporal at {}; model: {})
          Security:   {}
          Web page:   {}/
          Start a run:
            curl -si -X POST {}/api/runs -H 'Content-Type: application/json'{} \\
                 -d '{"agent":"trip-planner","input":{"request":"Plan a 5-day trip to Hawaii"}}'
          Then stream it:  curl -N{} {}/api/runs/<runId>/events
        """,
        props.role(),
        engine,
        props.model().apiKey().isBlank() ? "SIMULATED (no OPENAI_API_KEY)" : props.model().name(),
        security,
        base,
        base,
        auth,
        auth,
        base);
  }
}
