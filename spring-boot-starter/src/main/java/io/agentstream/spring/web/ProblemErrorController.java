package io.agentstream.spring.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}), in place of Spring Boot's, which answers in
 * its own JSON or HTML and names the path. It sees the errors that no controller handled: a status
 * sent by a filter or by the container inside the application, or {@code /error} asked for
 * directly. The status is kept; the body is the {@link Problem} for it. Not an operation of the
 * API, so not in its OpenAPI document.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

  @RequestMapping("${server.error.path:${error.path:/error}}")
  ResponseEntity<Object> error(HttpServletRequest request) {
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int code = status instanceof Integer i && i >= 400 ? i : 404;
    return Problem.forStatus(code).toResponse();
  }
}
