package io.agentstream.spring.security;

import io.agentstream.spring.web.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem details written by the filters, which answer before Spring MVC (and its {@code
 * ProblemDetailsAdvice}) sees the request: the same shape, {@code application/problem+json}.
 */
final class Problems {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Problems() {}

  static void write(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      String title,
      String detail)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    // The same types as every other answer of the API (README, "Limits and errors"); no
    // instance, so no path is ever echoed.
    body.put("type", ProblemType.forStatus(status.value()).type().toString());
    body.put("title", title);
    body.put("status", status.value());
    body.put("detail", detail);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(JSON.writeValueAsString(body));
  }

  static void unauthorized(HttpServletRequest request, HttpServletResponse response, String detail)
      throws IOException {
    response.setHeader("WWW-Authenticate", "Bearer realm=\"agentstream\"");
    write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
  }
}
