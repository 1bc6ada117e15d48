package io.agentstream.llm.simulator;

import java.io.IOException;

/**
 * Thrown out of a handler to make the JDK server drop the connection on the spot. It is the only
 * way {@code com.sun.net.httpserver} offers to end a chunked response without its terminating
 * chunk, which is what a client must see for a stream that broke (as opposed to one that ended).
 */
final class DeliberateDisconnect extends IOException {

  DeliberateDisconnect(String reason) {
    super(reason, null);
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
