package io.agentstream.llm.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in LLM served over real HTTP that speaks OpenAI's chat-completions protocol, streaming
 * included.
 *
 * <p>It is the default model when no {@code OPENAI_API_KEY} is configured. Because it is reached
 * through the same langchain4j OpenAI client as the real thing, every run, demo and test exercises
 * the genuine client code: HTTP, server-sent events, error mapping and partial-response handling.
 * Replies are deterministic per task and material, which lets tests assert exact text, including
 * that a resumed step continues a partial reply without repeating any of it.
 *
 * <p>Listens on 127.0.0.1 only. Endpoints: {@code POST /v1/chat/completions} (also {@code
 * /chat/completions}), {@code GET /v1/models}, and for tests {@code /admin/faults} and {@code
 * /admin/stats}.
 */
public final class OpenAiSimulator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OpenAiSimulator.class);

  private static final String API_BASE_PATH = "/v1";

  private final SimulatorSettings settings;
  private final HttpServer server;
  private final ChatCompletionsHandler completions;
  private final ExecutorService workers;
  private final SimulatorFaults faults = new SimulatorFaults();
  private final SimulatorStats stats = new SimulatorStats();
  private final ReplyStreamer.EmissionTap emissions = new ReplyStreamer.EmissionTap();
  private final String baseUrl;

  private OpenAiSimulator(SimulatorSettings settings) throws IOException {
    this.settings = settings;
    ObjectMapper json = new ObjectMapper();
    OpenAiWireFormat wire = new OpenAiWireFormat(json);
    this.completions =
        new ChatCompletionsHandler(json, faults, stats, settings.tokensPerSecond(), emissions);
    ModelsHandler models = new ModelsHandler(wire);

    this.server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 0);
    server.createContext(API_BASE_PATH + "/chat/completions", completions);
    server.createContext("/chat/completions", completions);
    server.createContext(API_BASE_PATH + "/models", models);
    server.createContext("/models", models);
    server.createContext("/admin/faults", new AdminFaultsHandler(json, wire, faults));
    server.createContext("/admin/stats", new AdminStatsHandler(wire, stats));
    // One thread per open stream: the default executor is the single dispatcher thread, which would
    // let
    // one slow stream hold up every other client.
    this.workers = Executors.newCachedThreadPool(daemonThreadsNamed("openai-simulator-"));
    server.setExecutor(workers);
    server.start();

    InetSocketAddress address = server.getAddress();
    this.baseUrl =
        "http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + API_BASE_PATH;
  }

  /**
   * Starts serving at once.
   *
   * @throws UncheckedIOException when the port cannot be bound
   */
  public static OpenAiSimulator start(SimulatorSettings settings) {
    Objects.requireNonNull(settings, "settings");
    try {
      OpenAiSimulator simulator = new OpenAiSimulator(settings);
      log.info(
          "SIMULATED model (not a real LLM) serving the OpenAI API at {}, {}",
          simulator.baseUrl,
          settings.rateDescription());
      return simulator;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not start the simulated model on port " + settings.port(), e);
    }
  }

  /**
   * The value for {@code OpenAiStreamingChatModel.builder().baseUrl(...)}, e.g. {@code
   * http://127.0.0.1:PORT/v1}.
   */
  public String baseUrl() {
    return baseUrl;
  }

  /** Root of the admin endpoints, e.g. {@code http://127.0.0.1:PORT/admin}. */
  public String adminUrl() {
    return baseUrl.substring(0, baseUrl.length() - API_BASE_PATH.length()) + "/admin";
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public SimulatorSettings settings() {
    return settings;
  }

  /**
   * Whether the simulated server accepts {@code response_format: json_schema} (true at start). A
   * server that does not, as some OpenAI-compatible APIs only take {@code json_object}, answers
   * such a request with HTTP 400.
   */
  public void acceptJsonSchema(boolean accept) {
    completions.acceptJsonSchema(accept);
  }

  /**
   * Whether, and where, text replies carry reasoning before the answer ({@link
   * SimulatedReasoning#NONE} at start), as a reasoning model's do. A request with {@code
   * reasoning_effort} {@code none} or {@code minimal}, or with {@code "chat_template_kwargs":
   * {"enable_thinking": false}} (vLLM's switch for Qwen3), gets no reasoning; one with a value
   * OpenAI does not know is refused with HTTP 400, as OpenAI refuses it.
   */
  public void reason(SimulatedReasoning where) {
    completions.reason(Objects.requireNonNull(where, "where"));
  }

  /**
   * Whether the simulated server refuses, with HTTP 400, a conversation in which an assistant
   * message that called tools comes back without its {@code reasoning_content} (false at start):
   * what DeepSeek's API does in thinking mode, so a client must send a tool-calling turn's
   * reasoning back with it.
   */
  public void requireReasoningBack(boolean require) {
    completions.requireReasoningBack(require);
  }

  /**
   * Whether the simulated server refuses, with HTTP 400, a request that limits its reply with
   * {@code max_tokens} (false at start), as OpenAI's reasoning models (the o-series, GPT-5) do:
   * they take only {@code max_completion_tokens}.
   */
  public void refuseMaxTokens(boolean refuse) {
    completions.refuseMaxTokens(refuse);
  }

  public SimulatorFaults faults() {
    return faults;
  }

  public SimulatorStats stats() {
    return stats;
  }

  /**
   * Registers the one listener told about every streamed token as it is emitted (for benchmarks),
   * or removes it with {@code null}. Nothing changes on the wire; with no listener the cost is one
   * volatile read per token.
   */
  public void onTokenEmitted(TokenEmissionListener listener) {
    emissions.set(listener);
  }

  /** Stops listening and drops open streams; their clients see a broken connection. */
  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
    log.info("SIMULATED model at {} stopped", baseUrl);
  }

  private static ThreadFactory daemonThreadsNamed(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
