package io.agentstream.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a {@code text/event-stream} the way a browser's EventSource does (comments skipped), for
 * clients that want the raw events rather than a {@link RunFollower}.
 */
public final class ServerSentEventReader implements AutoCloseable {

  private final BufferedReader reader;

  public ServerSentEventReader(InputStream in) {
    this(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
  }

  public ServerSentEventReader(BufferedReader reader) {
    this.reader = reader;
  }

  /** The next event, or null at the end of the stream. */
  public ServerSentEvent next() throws IOException {
    String id = null;
    String name = null;
    StringBuilder data = null;
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isEmpty()) {
        if (data != null) {
          return new ServerSentEvent(id, name == null ? "message" : name, data.toString());
        }
        id = null;
        name = null;
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "id" -> id = value;
        case "event" -> name = value;
        case "data" -> {
          if (data == null) {
            data = new StringBuilder(value);
          } else {
            data.append('\n').append(value);
          }
        }
        default -> {}
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
