package io.agentstream.spring.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every {@code POST} to the API must say {@code Content-Type: application/json}, bodyless ones
 * (cancel, finish-now, stream-token) too. A browser sends that type cross-site only after a CORS
 * preflight, so a form or {@code text/plain} post from another site starts and stops nothing.
 */
final class JsonPostFilter extends OncePerRequestFilter {

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!isJson(request.getContentType())) {
      response.setHeader("Accept-Post", MediaType.APPLICATION_JSON_VALUE);
      Problems.write(
          request,
          response,
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "Unsupported media type",
          "POST requests must be sent as 'Content-Type: application/json', also without a body");
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }
}
