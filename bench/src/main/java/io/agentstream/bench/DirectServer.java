package io.agentstream.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.agentstream.llm.Prompt;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The baseline: an SSE endpoint that pipes langchain4j's {@link OpenAiStreamingChatModel} stream
 * straight to the client, with no Temporal, no channel and no durability. JDK HttpServer on
 * loopback.
 *
 * <p>{@code GET /direct?q=<question>&clients=<n>} streams {@code token} events ({@code index},
 * {@code offset}, {@code text}) and a final {@code done} event with the whole text. The model is
 * called once the {@code n}-th client asking the same question has connected, and every token is
 * handed to each client's queue; each client's own server thread writes it (as agentstream's SSE
 * sessions do), so fan-out is one model stream to n clients.
 */
final class DirectServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INSTRUCTIONS = "Answer the question clearly in a short paragraph.";
  private static final byte[] END = new byte[0];

  private final OpenAiStreamingChatModel model;
  private final HttpServer server;
  private final ExecutorService threads;
  private final Map<String, Broadcast> pending = new ConcurrentHashMap<>();

  DirectServer(String modelBaseUrl) {
    this.model =
        OpenAiStreamingChatModel.builder()
            .baseUrl(modelBaseUrl)
            .apiKey("bench")
            .modelName("agentstream-simulator")
            .timeout(Duration.ofSeconds(120))
            .build();
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AtomicInteger counter = new AtomicInteger();
    threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "direct-sse-" + counter.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(threads);
    server.createContext("/direct", this::handle);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    String question = query.get("q");
    int clients = Integer.parseInt(query.getOrDefault("clients", "1"));
    if (question == null) {
      exchange.sendResponseHeaders(400, -1);
      exchange.close();
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    Subscriber subscriber = new Subscriber();
    Broadcast broadcast = pending.computeIfAbsent(question, q -> new Broadcast(q, clients));
    if (broadcast.join(subscriber)) {
      pending.remove(question);
      broadcast.start();
    }
    try (OutputStream out = exchange.getResponseBody()) {
      while (true) {
        byte[] event = subscriber.queue.poll(150, TimeUnit.SECONDS);
        if (event == null || event == END) {
          break;
        }
        out.write(event);
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // client went away
    } finally {
      exchange.close();
    }
  }

  private static final class Subscriber {
    final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
  }

  /** One model stream and the clients it goes to. */
  private final class Broadcast implements StreamingChatResponseHandler {
    private final String question;
    private final int expected;
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private int index;

    Broadcast(String question, int expected) {
      this.question = question;
      this.expected = expected;
    }

    /**
     * @return true when this subscriber completes the set and the stream should start
     */
    synchronized boolean join(Subscriber subscriber) {
      subscribers.add(subscriber);
      return subscribers.size() == expected;
    }

    void start() {
      Prompt prompt = new Prompt("answer", INSTRUCTIONS, question);
      model.chat(prompt.messages(""), this);
    }

    @Override
    public synchronized void onPartialResponse(
        PartialResponse response, PartialResponseContext context) {
      String token = response.text();
      if (token == null || token.isEmpty()) {
        return;
      }
      Map<String, Object> data = new HashMap<>();
      data.put("index", index);
      data.put("offset", text.length());
      data.put("text", token);
      text.append(token);
      send("id: " + index + "\nevent: token\ndata: " + json(data) + "\n\n");
      index++;
    }

    @Override
    public synchronized void onCompleteResponse(ChatResponse response) {
      send("event: done\ndata: " + json(Map.of("text", text.toString())) + "\n\n");
      finish();
    }

    @Override
    public synchronized void onError(Throwable error) {
      send("event: error\ndata: " + json(Map.of("error", String.valueOf(error))) + "\n\n");
      finish();
    }

    private void send(String event) {
      byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
      for (Subscriber s : subscribers) {
        s.queue.offer(bytes);
      }
    }

    private void finish() {
      for (Subscriber s : subscribers) {
        s.queue.offer(END);
      }
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new HashMap<>();
    if (raw == null) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return params;
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
