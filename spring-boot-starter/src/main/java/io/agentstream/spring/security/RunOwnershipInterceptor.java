package io.agentstream.spring.security;

import io.agentstream.spring.run.RunNotFoundException;
import io.agentstream.spring.run.RunOwnership;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Every endpoint that names a run ({@code /api/runs/{runId}/...}) is for its owner (and admins)
 * only: another caller's run is a {@link RunNotFoundException}, so it answers exactly like an
 * unknown id and does not tell that the run exists. Runs as an interceptor, after the handler is
 * chosen, so the problem is the advice's own 404.
 */
final class RunOwnershipInterceptor implements HandlerInterceptor {

  private final RunOwnership ownership;

  RunOwnershipInterceptor(RunOwnership ownership) {
    this.ownership = ownership;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    @SuppressWarnings("unchecked")
    Map<String, String> variables =
        (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    String runId = variables == null ? null : variables.get("runId");
    if (runId == null) {
      return true;
    }
    Caller caller = Caller.current();
    if (caller.admin()) {
      return true;
    }
    // An unknown run goes on to the handler, which answers 404 itself.
    ownership
        .ownerOf(runId)
        .filter(owner -> !caller.mayAccess(owner))
        .ifPresent(
            owner -> {
              throw new RunNotFoundException(runId);
            });
    return true;
  }
}
