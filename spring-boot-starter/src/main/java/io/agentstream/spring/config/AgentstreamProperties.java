package io.agentstream.spring.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything agentstream lets you tune, bound from {@code agentstream.*}.
 *
 * @param role {@code all} (API and worker), {@code api} (HTTP only) or {@code worker}
 * @param taskQueue Temporal task queue for agent workflows and steps (an agent may name its own)
 * @param registerSearchAttributes register the runs' search attributes on the namespace when the
 *     worker starts (through the operator API; off where that API is not allowed)
 * @param stream the live channel: {@code memory} (one JVM) or {@code redis}
 * @param engine the embedded Temporal engine used when no TEMPORAL_ADDRESS is set
 * @param steps timeouts, retries and checkpointing of agent steps
 * @param trip trip planner tunables
 * @param model the LLM (OpenAI-compatible); the simulator runs when no API key is set
 * @param simulator the built-in simulated model
 * @param api HTTP limits and cross-origin access
 * @param sse Server-Sent Events tunables
 * @param redis retention and timeouts of the Redis live channel ({@code stream=redis})
 * @param security who may call the API: API keys and stream tokens
 * @param encryption encryption of payloads in Temporal's history, and the codec server
 */
@ConfigurationProperties("agentstream")
public record AgentstreamProperties(
    @DefaultValue(Role.DEFAULT) Role role,
    @DefaultValue("agentstream") String taskQueue,
    @DefaultValue("true") boolean registerSearchAttributes,
    @DefaultValue(LiveChannel.DEFAULT) LiveChannel stream,
    @DefaultValue Engine engine,
    @DefaultValue Steps steps,
    @DefaultValue Trip trip,
    @DefaultValue Model model,
    @DefaultValue Simulator simulator,
    @DefaultValue Api api,
    @DefaultValue Sse sse,
    @DefaultValue Redis redis,
    @DefaultValue Security security,
    @DefaultValue Encryption encryption) {

  /**
   * @param port loopback port of the embedded engine (0 picks a free one)
   * @param embedded set at start-up: true when this process runs the engine itself
   */
  public record Engine(
      @DefaultValue(Engine.DEFAULT_PORT) int port, @DefaultValue("false") boolean embedded) {
    /**
     * The port {@code temporal server start-dev} uses too, so tools find the engine where they
     * expect it.
     */
    public static final String DEFAULT_PORT = "7233";
  }

  /**
   * @param heartbeatTimeout how soon a dead worker's step is retried elsewhere
   * @param checkpointInterval how often a running step's partial result is heartbeated
   * @param startToCloseTimeout longest single attempt
   * @param initialRetryInterval first retry backoff
   * @param maxRetryInterval backoff cap
   * @param maxAttempts attempts per step (0 = unlimited)
   * @param drainTimeout on shutdown, how long running steps get to end at a checkpoint before the
   *     worker stops anyway
   */
  public record Steps(
      @DefaultValue("5s") Duration heartbeatTimeout,
      @DefaultValue("1s") Duration checkpointInterval,
      @DefaultValue("30m") Duration startToCloseTimeout,
      @DefaultValue("1s") Duration initialRetryInterval,
      @DefaultValue("30s") Duration maxRetryInterval,
      @DefaultValue("10") int maxAttempts,
      @DefaultValue("10s") Duration drainTimeout) {}

  /**
   * @param answerTimeout how long a run waits for answers before using the stated defaults
   * @param placesPerCategory restaurants and attractions to recommend
   */
  public record Trip(
      @DefaultValue("24h") Duration answerTimeout, @DefaultValue("4") int placesPerCategory) {}

  /**
   * @param apiKey the model server's key ({@code OPENAI_API_KEY} works too); blank means none
   * @param baseUrl any OpenAI-compatible server ({@code OPENAI_BASE_URL} works too)
   * @param name the model ({@code OPENAI_MODEL} works too)
   * @param timeout HTTP timeout of one model call
   */
  public record Model(
      @DefaultValue("") String apiKey,
      @DefaultValue("https://api.openai.com/v1") String baseUrl,
      @DefaultValue("gpt-4o-mini") String name,
      @DefaultValue("120s") Duration timeout) {}

  /**
   * @param tokensPerSecond pace of the simulated model per stream (0 = as fast as possible)
   * @param port loopback port of the simulator (0 = any free port)
   */
  public record Simulator(
      @DefaultValue("40") double tokensPerSecond, @DefaultValue("0") int port) {}

  /**
   * Limits on what a client may send. Bodies are read up to their limit and no further: a larger
   * one is answered with 413 as soon as the limit is passed.
   *
   * @param maxInputBytes largest accepted run submission body, in bytes
   * @param maxAnswers most answers one {@code POST /api/runs/{id}/answers} may carry
   * @param maxAnswerLength most characters (code points) of one answer and of its question id
   * @param allowedOrigins origins whose pages may call the API from a browser (CORS); empty (the
   *     default) allows none but the API's own
   */
  public record Api(
      @DefaultValue("16384") int maxInputBytes,
      @DefaultValue("20") int maxAnswers,
      @DefaultValue("2000") int maxAnswerLength,
      List<String> allowedOrigins) {

    /** UTF-8 needs at most 4 bytes for one character (code point). */
    private static final int MAX_BYTES_PER_CHARACTER = 4;

    public Api {
      if (maxInputBytes < 1 || maxAnswers < 1 || maxAnswerLength < 1) {
        throw new IllegalArgumentException(
            "agentstream.api.max-input-bytes, max-answers and max-answer-length must be positive");
      }
      allowedOrigins =
          allowedOrigins == null
              ? List.of()
              : allowedOrigins.stream().filter(o -> !o.isBlank()).toList();
    }

    /**
     * Largest accepted answers body: room for {@code maxAnswers} answers of {@code maxAnswerLength}
     * characters each in UTF-8, plus {@code maxInputBytes} for the JSON around them (176,384 bytes
     * with the defaults). Derived, so that the two answer limits are the ones to tune.
     */
    public int maxAnswersBytes() {
      long bytes = maxInputBytes + (long) maxAnswers * maxAnswerLength * MAX_BYTES_PER_CHARACTER;
      return (int) Math.min(bytes, Integer.MAX_VALUE - 1);
    }
  }

  /**
   * @param keepAlive interval of keep-alive comments
   * @param maxBacklog events a subscriber may fall behind before its backlog is dropped and it is
   *     resynced with a fresh snapshot
   * @param timeout how long one SSE response stays open before the client reconnects
   * @param pollInterval while the live channel is down, how often the durable state is polled and a
   *     snapshot sent when it changed
   */
  public record Sse(
      @DefaultValue("15s") Duration keepAlive,
      @DefaultValue("10000") int maxBacklog,
      @DefaultValue("1h") Duration timeout,
      @DefaultValue("1s") Duration pollInterval) {}

  /**
   * The live channel is an accelerator that can be rebuilt from snapshots, so it is bounded in size
   * and time rather than kept forever.
   *
   * @param maxEventsPerRun approximate cap of a run's stream ({@code XADD MAXLEN ~}); older events
   *     are trimmed and a client resuming before them resyncs from a snapshot
   * @param retentionAfterEnd how long a run's stream stays after its terminal event, for late
   *     reconnects
   * @param idleRetention how long a run that never finishes keeps its stream after its last event
   * @param commandTimeout longest wait for one Redis command; a slower Redis counts as unavailable
   *     so steps are never held up by the live channel
   */
  public record Redis(
      @DefaultValue("100000") int maxEventsPerRun,
      @DefaultValue("30m") Duration retentionAfterEnd,
      @DefaultValue("24h") Duration idleRetention,
      @DefaultValue("1s") Duration commandTimeout) {}

  /**
   * Who may call the API. Without keys the API serves anonymous callers, and only on loopback.
   *
   * @param apiKeys comma-separated {@code <caller>:<sha256 of the key, lowercase hex>[:admin]}
   *     entries ({@code java -jar agentstream.jar new-key <caller>} makes one); blank means none
   * @param streamTokenTtl how long a stream token (for {@code EventSource}, which cannot send
   *     headers) opens its run's event stream
   * @param streamTokenSecret the HMAC key that signs stream tokens; blank means a random one per
   *     process, so with several API nodes set the same secret on all of them
   */
  public record Security(
      @DefaultValue("") String apiKeys,
      @DefaultValue("5m") Duration streamTokenTtl,
      @DefaultValue("") String streamTokenSecret) {}

  /**
   * Payloads in Temporal's history (inputs, answers, checkpoints, results, memo, failures) are
   * encrypted with AES-256-GCM when keys are set; search attributes stay plaintext.
   *
   * @param keys comma-separated {@code <keyId>:<base64 of 32 random bytes>} entries, the first one
   *     current (new payloads), the others still accepted for decoding; blank (the default) means
   *     no encryption
   * @param codecAllowedOrigins origins whose pages may call {@code /codec/*} from a browser (the
   *     Temporal UI's, e.g. {@code http://localhost:8233}); empty allows none
   */
  public record Encryption(@DefaultValue("") String keys, List<String> codecAllowedOrigins) {
    public Encryption {
      codecAllowedOrigins =
          codecAllowedOrigins == null
              ? List.of()
              : codecAllowedOrigins.stream().filter(o -> !o.isBlank()).toList();
    }

    public boolean enabled() {
      return !keys.isBlank();
    }
  }
}
