package io.agentstream.spring.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Decides who is calling. With keys or JWTs configured: {@code Authorization: Bearer <key or JWT>}
 * (a credential shaped like a JWT goes to the JWT decoder, anything else is looked up as a key), or
 * on a run's event stream a {@code ?token=} stream token for that run; a wrong key or token is a
 * 401 at once, no credentials leave the request unauthenticated (and {@code /api/**} answers 401).
 * With neither configured every caller is {@link Caller#ANONYMOUS}, and only when the request came
 * in on a loopback address.
 */
final class CallerAuthenticationFilter extends OncePerRequestFilter {

  private static final Pattern EVENTS = Pattern.compile("^/api/runs/([^/]+)/events$");
  private static final String BEARER = "Bearer ";

  private final ApiKeys keys;
  private final Optional<JwtCallers> jwts;
  private final StreamTokens tokens;

  CallerAuthenticationFilter(ApiKeys keys, Optional<JwtCallers> jwts, StreamTokens tokens) {
    this.keys = keys;
    this.jwts = jwts;
    this.tokens = tokens;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (keys.isEmpty() && jwts.isEmpty()) {
      if (!isLoopback(request.getLocalAddr())) {
        Problems.unauthorized(
            request,
            response,
            "no API keys are configured, so only loopback callers are served; set"
                + " agentstream.security.api-keys");
        return;
      }
      authenticate(Caller.ANONYMOUS);
      chain.doFilter(request, response);
      return;
    }
    String header = request.getHeader("Authorization");
    if (header != null) {
      if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
        Problems.unauthorized(request, response, "expected 'Authorization: Bearer <API key>'");
        return;
      }
      String credential = header.substring(BEARER.length()).trim();
      if (jwts.isPresent() && JwtCallers.looksLikeJwt(credential)) {
        JwtCallers.Outcome outcome = jwts.get().authenticate(credential);
        if (outcome instanceof JwtCallers.Outcome.Rejected rejected) {
          Problems.unauthorized(request, response, rejected.reason());
          return;
        }
        authenticate(((JwtCallers.Outcome.Accepted) outcome).caller());
      } else {
        Optional<Caller> caller = keys.authenticate(credential);
        if (caller.isEmpty()) {
          Problems.unauthorized(request, response, "the API key is not valid");
          return;
        }
        authenticate(caller.get());
      }
    } else if (request.getParameter("token") != null) {
      Matcher events = EVENTS.matcher(request.getRequestURI());
      Optional<Caller> caller =
          events.matches()
              ? tokens.verify(request.getParameter("token"), events.group(1))
              : Optional.empty();
      if (caller.isEmpty()) {
        Problems.unauthorized(
            request,
            response,
            "the stream token is not valid: it has expired, or is for another run (a stream token"
                + " opens only /api/runs/{runId}/events of its run)");
        return;
      }
      authenticate(caller.get());
    }
    chain.doFilter(request, response);
  }

  private static void authenticate(Caller caller) {
    SecurityContext context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(
            caller,
            null,
            caller.admin()
                ? List.of(new SimpleGrantedAuthority(Caller.ADMIN_AUTHORITY))
                : List.of()));
    SecurityContextHolder.getContextHolderStrategy().setContext(context);
  }

  static boolean isLoopback(String address) {
    if (address == null || address.isBlank()) {
      return false;
    }
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
