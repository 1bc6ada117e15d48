package io.agentstream.llm.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** {@code /admin/stats}: {@code GET} returns the counters as JSON, {@code DELETE} zeroes them. */
final class AdminStatsHandler implements HttpHandler {

  private final OpenAiWireFormat wire;
  private final SimulatorStats stats;

  AdminStatsHandler(OpenAiWireFormat wire, SimulatorStats stats) {
    this.wire = wire;
    this.stats = stats;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!HttpExchanges.isExactly(exchange)) {
      HttpExchanges.sendJson(
          exchange, 404, wire.error("Unknown path", "invalid_request_error", "not_found"));
      return;
    }
    switch (exchange.getRequestMethod()) {
      case "GET" -> HttpExchanges.sendJson(exchange, 200, wire.write(stats.snapshot()));
      case "DELETE" -> {
        stats.reset();
        HttpExchanges.sendJson(exchange, 200, wire.write(stats.snapshot()));
      }
      default ->
          HttpExchanges.sendJson(
              exchange,
              405,
              wire.error("Use GET or DELETE", "invalid_request_error", "method_not_allowed"));
    }
  }
}
