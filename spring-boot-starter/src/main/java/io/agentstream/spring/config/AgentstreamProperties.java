package io.agentstream.spring.config;

import io.agentstream.llm.MaxTokensParameter;
import io.agentstream.llm.StructuredOutput;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * @param temporalInProcess set by an application that runs Temporal's test server in its own JVM
 *     (the one-command app does): the server then dies with the worker, so the worker keeps sticky
 *     queues on even though it talks to a test server
 * @param steps timeouts, retries and checkpointing of agent steps
 * @param model the LLM (OpenAI-compatible)
 * @param api HTTP limits and cross-origin access
 * @param sse Server-Sent Events tunables
 * @param redis retention and timeouts of the Redis live channel ({@code stream=redis})
 * @param security who may call the API: API keys and stream tokens
 * @param quotas how much one caller may use (per caller across all API nodes in Redis mode)
 * @param encryption encryption of payloads in Temporal's history, and the codec server
 * @param runs limits of each run (its token budget)
 */
@ConfigurationProperties("agentstream")
public record AgentstreamProperties(
    @DefaultValue(Role.DEFAULT) Role role,
    @DefaultValue("agentstream") String taskQueue,
    @DefaultValue("true") boolean registerSearchAttributes,
    @DefaultValue(LiveChannel.DEFAULT) LiveChannel stream,
    @DefaultValue("false") boolean temporalInProcess,
    @DefaultValue Steps steps,
    @DefaultValue Model model,
    @DefaultValue Api api,
    @DefaultValue Sse sse,
    @DefaultValue Redis redis,
    @DefaultValue Security security,
    @DefaultValue Quotas quotas,
    @DefaultValue Encryption encryption,
    @DefaultValue Runs runs) {

  /**
   * @param tokenBudget the token budget (input and output together) of a run whose request names
   *     none ({@code tokenBudget} in {@code POST /api/runs}); 0 means none: runs are not limited
   */
  public record Runs(@DefaultValue("0") long tokenBudget) {
    public Runs {
      if (tokenBudget < 0) {
        throw new IllegalArgumentException(
            "agentstream.runs.token-budget must be 0 (no budget) or positive, was " + tokenBudget);
      }
    }
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
   * @param apiKey the model server's key ({@code OPENAI_API_KEY} works too); blank means none
   * @param baseUrl any OpenAI-compatible server ({@code OPENAI_BASE_URL} works too)
   * @param name the model ({@code OPENAI_MODEL} works too)
   * @param timeout HTTP timeout of one model call
   * @param maxTokens {@code max_tokens} of every model call whose step has no limit of its own in
   *     {@code stepMaxTokens}; 0 sends none (the model's own limit applies)
   * @param stepMaxTokens {@code max_tokens} of the model calls of some steps, by step id ({@code
   *     agentstream.model.step-max-tokens.plan=6000})
   * @param structuredOutput how steps ask for data: {@code strict-json-schema} (the default),
   *     {@code json-schema} for a server that refuses strict mode, {@code json-object} for one that
   *     takes no schema at all
   * @param sendThinking whether the reasoning a reasoning model wrote before its tool calls is sent
   *     back with them ({@code reasoning_content}), as DeepSeek's thinking mode requires (it
   *     refuses tool calls sent back without it); only sent where the server sent some, so no other
   *     server sees the field; false for a server that refuses it
   * @param maxTokensParameter the request field of the output limit: {@code auto} (the default)
   *     sends {@code max_completion_tokens} to OpenAI and Azure OpenAI, whose reasoning models
   *     (o-series, GPT-5) refuse {@code max_tokens} with HTTP 400, and {@code max_tokens} to any
   *     other server; {@code max-tokens} or {@code max-completion-tokens} to choose
   * @param reasoningEffort the {@code reasoning_effort} of every call (OpenAI's reasoning models
   *     take {@code none} or {@code minimal} to {@code high}: less reasoning, a sooner first
   *     token); blank (the default) sends none, so the model's own default applies. Passed as
   *     given: servers differ in the values they take, and one that knows no such value says so
   *     with HTTP 400
   * @param extraBody fields added to every model request, as a JSON object ({@link
   *     ModelExtraBody}): what a server takes beyond OpenAI's fields, such as vLLM's {@code
   *     {"chat_template_kwargs":{"enable_thinking":false}}}; blank (the default) adds none
   */
  public record Model(
      @DefaultValue("") String apiKey,
      @DefaultValue("https://api.openai.com/v1") String baseUrl,
      @DefaultValue("gpt-4o-mini") String name,
      @DefaultValue("120s") Duration timeout,
      @DefaultValue("4096") int maxTokens,
      Map<String, Integer> stepMaxTokens,
      @DefaultValue("strict-json-schema") StructuredOutput structuredOutput,
      @DefaultValue("true") boolean sendThinking,
      @DefaultValue("auto") MaxTokensParameter maxTokensParameter,
      @DefaultValue("") String reasoningEffort,
      @DefaultValue("") String extraBody) {

    public Model {
      stepMaxTokens = stepMaxTokens == null ? Map.of() : Map.copyOf(stepMaxTokens);
      reasoningEffort = reasoningEffort == null ? "" : reasoningEffort.strip();
      extraBody = extraBody == null ? "" : extraBody.strip();
      ModelExtraBody.parse(extraBody);
      if (maxTokens < 0 || stepMaxTokens.values().stream().anyMatch(v -> v == null || v < 1)) {
        throw new IllegalArgumentException(
            "agentstream.model.max-tokens must be 0 (none) or positive, and every"
                + " agentstream.model.step-max-tokens.<step> positive");
      }
    }
  }

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
   * @param maxDuration how long one SSE response stays open; then the server ends it cleanly and
   *     the client reconnects with {@code Last-Event-ID}, losing nothing (bounds how long one
   *     connection holds a stream slot)
   * @param maxStreamsPerNode open SSE streams this node serves at once; one more is a 503 with
   *     {@code Retry-After}, so idle streams cannot take the node's connections
   * @param pollInterval while the live channel is down, how often the durable state is polled and a
   *     snapshot sent when it changed
   */
  public record Sse(
      @DefaultValue("15s") Duration keepAlive,
      @DefaultValue("10000") int maxBacklog,
      @DefaultValue("1h") Duration maxDuration,
      @DefaultValue("1s") Duration pollInterval,
      @DefaultValue("2000") int maxStreamsPerNode) {}

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
   * @param jwt how OAuth2/OIDC bearer tokens name roles (the tokens are on when Spring's {@code
   *     spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri} is set)
   */
  public record Security(
      @DefaultValue("") String apiKeys,
      @DefaultValue("5m") Duration streamTokenTtl,
      @DefaultValue("") String streamTokenSecret,
      @DefaultValue Jwt jwt) {}

  /**
   * Roles of a JWT caller.
   *
   * @param rolesClaim the claim holding the caller's roles: a list, or a space- or comma-separated
   *     string (Keycloak users may point it at a flattened claim)
   * @param adminRole the value in that claim that makes the caller an admin (sees every run)
   */
  public record Jwt(
      @DefaultValue("roles") String rolesClaim, @DefaultValue("admin") String adminRole) {}

  /**
   * Per-caller quotas; over one a request is a 429 with {@code Retry-After} and a problem naming
   * the limit.
   *
   * @param maxActiveRunsPerCaller runs of one caller open (running or waiting for answers) at once:
   *     Temporal's open executions plus the runs admitted since they were last listed (in Redis
   *     with {@code stream=redis}), so it holds across API nodes
   * @param runsPerMinute runs one caller may start per minute (a Bucket4j bucket refilled
   *     continuously; in Redis with {@code stream=redis})
   * @param maxStreamsPerCaller SSE streams one caller holds open at once (in Redis with {@code
   *     stream=redis}); a run waiting for answers counts only while a stream is open
   * @param activeRunsRefresh how often each API node lists Temporal's open executions for the
   *     active-run count (in the background while submissions come; a run that closed stops
   *     counting after the next listing)
   */
  public record Quotas(
      @DefaultValue("20") int maxActiveRunsPerCaller,
      @DefaultValue("30") int runsPerMinute,
      @DefaultValue("50") int maxStreamsPerCaller,
      @DefaultValue("5s") Duration activeRunsRefresh) {}

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
