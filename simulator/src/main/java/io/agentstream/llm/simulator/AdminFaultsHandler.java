package io.agentstream.llm.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /admin/faults}: arms faults from another process, e.g. an end-to-end test driving the
 * packaged application. {@code POST} arms one ({@code
 * {"task":"plan","fault":"CUT_AFTER","tokens":5,"times":1}}), {@code DELETE} disarms all, {@code
 * GET} tells how many uses are pending.
 */
final class AdminFaultsHandler implements HttpHandler {

  private static final long DEFAULT_HANG_MILLIS = 60_000;

  private final ObjectMapper json;
  private final OpenAiWireFormat wire;
  private final SimulatorFaults faults;

  AdminFaultsHandler(ObjectMapper json, OpenAiWireFormat wire, SimulatorFaults faults) {
    this.json = json;
    this.wire = wire;
    this.faults = faults;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!HttpExchanges.isExactly(exchange)) {
      HttpExchanges.sendJson(
          exchange, 404, wire.error("Unknown path", "invalid_request_error", "not_found"));
      return;
    }
    switch (exchange.getRequestMethod()) {
      case "POST" -> arm(exchange);
      case "DELETE" -> {
        faults.clear();
        sendPending(exchange);
      }
      case "GET" -> sendPending(exchange);
      default ->
          HttpExchanges.sendJson(
              exchange,
              405,
              wire.error("Use GET, POST or DELETE", "invalid_request_error", "method_not_allowed"));
    }
  }

  private void arm(HttpExchange exchange) throws IOException {
    JsonNode request;
    SimulatorFault fault;
    try {
      request = json.readTree(HttpExchanges.readBody(exchange));
      if (request == null || !request.isObject()) {
        throw new IllegalArgumentException("body must be a JSON object");
      }
      fault = faultOf(request);
    } catch (IOException | IllegalArgumentException e) {
      HttpExchanges.sendJson(
          exchange, 400, wire.error(e.getMessage(), "invalid_request_error", "invalid_fault"));
      return;
    }
    JsonNode taskNode = request.path("task");
    String task =
        taskNode.isTextual() && !taskNode.asText().isBlank()
            ? taskNode.asText().strip().toLowerCase(Locale.ROOT)
            : null;
    int times = request.path("times").asInt(1);
    try {
      faults.inject(task, fault, times);
    } catch (IllegalArgumentException e) {
      HttpExchanges.sendJson(
          exchange, 400, wire.error(e.getMessage(), "invalid_request_error", "invalid_fault"));
      return;
    }
    sendPending(exchange);
  }

  private static SimulatorFault faultOf(JsonNode request) {
    String name = request.path("fault").asText("").strip().toUpperCase(Locale.ROOT);
    int tokens = request.path("tokens").asInt(0);
    return switch (name) {
      case "RATE_LIMIT" -> SimulatorFault.RATE_LIMIT;
      case "SERVER_ERROR" -> SimulatorFault.SERVER_ERROR;
      case "UNAUTHORIZED" -> SimulatorFault.UNAUTHORIZED;
      case "BAD_REQUEST" -> SimulatorFault.BAD_REQUEST;
      case "CUT_AFTER" -> SimulatorFault.cutAfter(tokens);
      case "HANG_AFTER" ->
          SimulatorFault.hangAfter(
              tokens, Duration.ofMillis(request.path("millis").asLong(DEFAULT_HANG_MILLIS)));
      default ->
          throw new IllegalArgumentException(
              "unknown fault '"
                  + name
                  + "'; use RATE_LIMIT, SERVER_ERROR, UNAUTHORIZED, BAD_REQUEST, CUT_AFTER or"
                  + " HANG_AFTER");
    };
  }

  private void sendPending(HttpExchange exchange) throws IOException {
    HttpExchanges.sendJson(exchange, 200, wire.write(Map.of("pending", faults.pending())));
  }
}
