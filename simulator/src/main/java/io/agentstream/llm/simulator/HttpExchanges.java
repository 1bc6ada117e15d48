package io.agentstream.llm.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The few things every handler does with a JDK {@link HttpExchange}. */
final class HttpExchanges {

  static final String JSON = "application/json";

  private HttpExchanges() {}

  static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream body = exchange.getRequestBody()) {
      return body.readAllBytes();
    }
  }

  /** Sends a complete JSON response and closes the exchange. */
  static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", JSON);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /**
   * The request path without a trailing slash, so {@code /v1/models/} and {@code /v1/models} match
   * alike.
   */
  static String path(HttpExchange exchange) {
    String path = exchange.getRequestURI().getPath();
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** Whether the path is exactly the context's own path, not something below it. */
  static boolean isExactly(HttpExchange exchange) {
    return path(exchange).equals(exchange.getHttpContext().getPath());
  }
}
