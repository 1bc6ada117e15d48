package io.agentstream.llm.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@code data:} events and flushes each one, so every token leaves the process as soon as it
 * is produced instead of waiting in a buffer; without the flush a client would see the reply in
 * bursts.
 */
final class ServerSentEvents {

  static final String CONTENT_TYPE = "text/event-stream; charset=utf-8";
  static final String DONE = "[DONE]";

  private final OutputStream out;

  ServerSentEvents(OutputStream out) {
    this.out = out;
  }

  void send(String data) throws IOException {
    out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
