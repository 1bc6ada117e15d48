package io.agentstream.api.web;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests no well-behaved client sends: malformed addresses,
 * oversized headers, bodies that stall or never end. The request is written from its own thread, so
 * an answer that comes before the request is complete (a 400 to an oversized header, a 413) is read
 * as soon as it arrives. An exchange is over when the answer is complete by its {@code
 * Content-Length} or chunked framing, or when the server closes the connection; a read that waits
 * longer than {@link #READ_TIMEOUT} fails. An interim answer ({@code 100 Continue}) is returned as
 * the answer, so that a test sees it.
 */
final class RawHttp {

  static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

  /** An answer, with header names in lower case, and how long it took from the first byte sent. */
  record Answer(int status, Map<String, String> headers, byte[] body, Duration took) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** A request: the head (request line and headers) and the body's parts, sent one by one. */
  record Request(byte[] head, byte[]... body) {}

  /** The server closed the connection before it sent a byte of an answer. */
  static final class ClosedWithoutAnswer extends IOException {
    ClosedWithoutAnswer() {
      super("the server closed the connection without an answer");
    }
  }

  private final int port;

  RawHttp(int port) {
    this.port = port;
  }

  /**
   * Sends {@code head} (request line and headers, ISO-8859-1, without the blank line that ends
   * them, which is added) and then {@code body}, and reads the answer.
   */
  Answer exchange(String head, byte[]... body) throws IOException {
    return exchange(head.getBytes(StandardCharsets.ISO_8859_1), false, body);
  }

  Answer exchange(Request request) throws IOException {
    return exchange(request.head(), false, request.body());
  }

  Answer exchange(byte[] head, byte[]... body) throws IOException {
    return exchange(head, false, body);
  }

  /**
   * As {@link #exchange(String, byte[]...)}, and then reads on until the server closes the
   * connection: what comes after the answer is appended to its body, and {@code took} is the time
   * to the close.
   */
  Answer exchangeUntilClosed(String head) throws IOException {
    return exchange(head.getBytes(StandardCharsets.ISO_8859_1), true);
  }

  private Answer exchange(byte[] head, boolean untilClosed, byte[]... body) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
      OutputStream out = socket.getOutputStream();
      long started = System.nanoTime();
      Thread writer =
          new Thread(
              () -> {
                try {
                  // The head in one write, as clients send it: Tomcat decides on some
                  // requests (an unknown HTTP version) from the request line alone, and closes
                  // without an answer when the rest of the head comes in a later packet.
                  out.write(headWithBlankLine(head));
                  out.flush();
                  for (byte[] part : body) {
                    out.write(part);
                    out.flush();
                  }
                } catch (IOException e) {
                  // The server stopped reading (it answered early, say to an oversized header, and
                  // closed): as expected.
                }
              },
              "raw-http-body");
      writer.setDaemon(true);
      writer.start();
      boolean isHead = new String(head, 0, 5, StandardCharsets.ISO_8859_1).startsWith("HEAD ");
      InputStream in = new BufferedInputStream(socket.getInputStream());
      Answer answer = read(in, isHead, started);
      if (untilClosed) {
        byte[] rest = in.readAllBytes();
        byte[] all = new byte[answer.body().length + rest.length];
        System.arraycopy(answer.body(), 0, all, 0, answer.body().length);
        System.arraycopy(rest, 0, all, answer.body().length, rest.length);
        answer =
            new Answer(
                answer.status(),
                answer.headers(),
                all,
                Duration.ofNanos(System.nanoTime() - started));
      }
      writer.interrupt();
      return answer;
    }
  }

  private static byte[] headWithBlankLine(byte[] head) {
    byte[] end = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[head.length + end.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(end, 0, all, head.length, end.length);
    return all;
  }

  private static Answer read(InputStream in, boolean isHead, long started) throws IOException {
    String statusLine = line(in);
    if (statusLine == null) {
      throw new ClosedWithoutAnswer();
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    byte[] body;
    if (isHead || status == 204 || status == 304) {
      body = new byte[0];
    } else if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = chunked(in);
    } else {
      body = in.readAllBytes();
    }
    return new Answer(status, headers, body, Duration.ofNanos(System.nanoTime() - started));
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line(in);
      int length = Integer.parseInt(size.split(";")[0].trim(), 16);
      if (length == 0) {
        line(in);
        return body.toByteArray();
      }
      body.write(in.readNBytes(length));
      line(in);
    }
  }

  /** One CRLF-terminated line, or null at the end of the stream. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }
}
