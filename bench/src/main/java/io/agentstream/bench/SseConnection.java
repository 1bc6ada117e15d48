package io.agentstream.bench;

import io.agentstream.client.ServerSentEvent;
import io.agentstream.client.ServerSentEventReader;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal Server-Sent Events client on a plain socket (HTTP/1.1, chunked or close-delimited),
 * read by the calling thread: no selector thread and no hand-off between the socket and the reader,
 * so what it measures is the server's delivery, not the client library's. Used the same way for
 * every mode.
 */
final class SseConnection implements AutoCloseable {

  private final Socket socket;
  private final BufferedReader reader;
  private final ServerSentEventReader events;
  private final int status;

  private SseConnection(Socket socket, BufferedReader reader, int status) {
    this.socket = socket;
    this.reader = reader;
    this.events = new ServerSentEventReader(reader);
    this.status = status;
  }

  /** Sends {@code GET path} and reads the response head. */
  static SseConnection open(String host, int port, String path) throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), 5_000);
      socket.setSoTimeout(120_000);
      OutputStream out = socket.getOutputStream();
      String request =
          "GET "
              + path
              + " HTTP/1.1\r\nHost: "
              + host
              + ":"
              + port
              + "\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n";
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      String statusLine = readAsciiLine(in);
      if (statusLine == null || !statusLine.startsWith("HTTP/1.")) {
        throw new IOException("not an HTTP response: " + statusLine);
      }
      int status = Integer.parseInt(statusLine.split(" ")[1]);
      boolean chunked = false;
      String header;
      while ((header = readAsciiLine(in)) != null && !header.isEmpty()) {
        String lower = header.toLowerCase(Locale.ROOT);
        if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        }
      }
      InputStream body = chunked ? new ChunkedInputStream(in) : in;
      return new SseConnection(
          socket, new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)), status);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  int status() {
    return status;
  }

  /** The next event, or null when the server ended the stream. Comments are skipped. */
  ServerSentEvent next() throws IOException {
    return events.next();
  }

  /** The whole remaining body as text (for non-SSE answers such as errors). */
  String rest() throws IOException {
    StringBuilder all = new StringBuilder();
    char[] buffer = new char[4096];
    int n;
    while ((n = reader.read(buffer)) > 0) {
      all.append(buffer, 0, n);
    }
    return all.toString();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private static String readAsciiLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        break;
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    if (b < 0 && line.size() == 0) {
      return null;
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  /** HTTP/1.1 chunked transfer decoding; returns data as soon as any is available. */
  private static final class ChunkedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;
    private boolean eof;

    ChunkedInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (eof) {
        return -1;
      }
      if (remaining == 0) {
        String size = readAsciiLine(in);
        while (size != null && size.isEmpty()) {
          size = readAsciiLine(in); // the CRLF that ends the previous chunk
        }
        if (size == null) {
          eof = true;
          return -1;
        }
        int semicolon = size.indexOf(';');
        remaining =
            Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
        if (remaining == 0) {
          eof = true;
          return -1;
        }
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n < 0) {
        eof = true;
        return -1;
      }
      remaining -= n;
      return n;
    }
  }
}
