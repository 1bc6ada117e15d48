package io.agentstream.llm.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/**
 * {@code GET /v1/models}: lists the one model there is, so model-discovery calls of clients
 * succeed.
 */
final class ModelsHandler implements HttpHandler {

  private final OpenAiWireFormat wire;

  ModelsHandler(OpenAiWireFormat wire) {
    this.wire = wire;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!HttpExchanges.isExactly(exchange) || !"GET".equals(exchange.getRequestMethod())) {
      HttpExchanges.sendJson(
          exchange,
          404,
          wire.error("Unknown path or method", "invalid_request_error", "not_found"));
      return;
    }
    HttpExchanges.sendJson(exchange, 200, wire.modelList());
  }
}
