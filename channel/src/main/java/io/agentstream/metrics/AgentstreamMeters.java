package io.agentstream.metrics;

/**
 * The name, tags and meaning of every meter agentstream registers itself, in one place (Temporal's
 * SDK meters, {@code temporal_*}, are Temporal's). Names are Micrometer's dotted names; Prometheus
 * shows them with underscores, a unit and {@code _total} on counters ({@code
 * agentstream.tokens.emitted} is scraped as {@code agentstream_tokens_emitted_total}). The README's
 * "Operations" section has the same table, with the Prometheus names.
 *
 * <p>Every meter is registered on a {@code MeterRegistry} its owner was given in its constructor;
 * nothing uses a global registry. This class is in the lowest module that registers a meter (the
 * live channel), so every module above names meters from here.
 */
public final class AgentstreamMeters {

  private AgentstreamMeters() {}

  // ---- steps (activities: StepWriter) ------------------------------------------------------

  /**
   * Counter: tokens the steps wrote, each delta the model streamed counting once ({@code
   * StepWriter.token}). No tags.
   */
  public static final String TOKENS_EMITTED = "agentstream.tokens.emitted";

  /**
   * Counter: step attempts that started as a retry of an earlier attempt (attempt 2 and later,
   * whatever made the earlier one fail: a model error, a dead worker's heartbeat timeout). No tags.
   */
  public static final String STEPS_RETRIED = "agentstream.steps.retried";

  /**
   * Distribution summary, base unit characters: one sample per retried attempt that resumed from a
   * non-empty checkpoint, the sample being the checkpointed text it did not have to write again.
   * Its count is the steps resumed from a checkpoint, its sum the characters saved. No tags.
   */
  public static final String STEPS_RESUMED_CHARS = "agentstream.steps.resumed";

  /**
   * Distribution summary, base unit items: for the same resumed attempts as {@link
   * #STEPS_RESUMED_CHARS}, the checkpointed data items (places, action items) not found again.
   */
  public static final String STEPS_RESUMED_ITEMS = "agentstream.steps.resumed.items";

  // ---- the model (activities: ModelStream) -------------------------------------------------

  /**
   * Timer: from sending a chat request to the model's first streamed token, per call. Tag {@link
   * #TAG_MODEL}.
   */
  public static final String MODEL_TIME_TO_FIRST_TOKEN = "agentstream.model.time.to.first.token";

  /**
   * Counter: tokens the model reports as used ({@code ChatResponse.tokenUsage()}), counted when a
   * call completes. Tags {@link #TAG_MODEL} and {@link #TAG_TYPE} ({@link #TYPE_INPUT} or {@link
   * #TYPE_OUTPUT}). A server that reports no usage adds nothing.
   */
  public static final String MODEL_TOKENS = "agentstream.model.tokens";

  /**
   * Observation: one chat request to the model, from sending it to its last streamed token (or the
   * step stopping it). A trace span named {@code chat <model>} as OpenTelemetry's GenAI conventions
   * name it, child of the step's activity span, and a timer ({@code
   * agentstream_model_call_seconds}) where Spring Boot's observation handlers are on.
   * Low-cardinality keys {@code gen_ai.operation.name} and {@code gen_ai.request.model}; the token
   * usage the model reports is on the span only.
   */
  public static final String MODEL_CALL = "agentstream.model.call";

  // ---- the live channel (channel: MeteredStreamChannel) ------------------------------------

  /**
   * Timer: one append to the live channel, from the call to its answer. Tag {@link #TAG_RESULT}:
   * {@link #RESULT_OK}, {@link #RESULT_REFUSED} (a stale attempt, fenced), {@link
   * #RESULT_UNAVAILABLE} or {@link #RESULT_ERROR}.
   */
  public static final String CHANNEL_APPEND = "agentstream.channel.append";

  /**
   * Counter: appends the live channel did not take (the event is not streamed; clients resync from
   * the durable state). Tag {@link #TAG_RESULT}: {@link #RESULT_UNAVAILABLE} (Redis down or slower
   * than its command timeout) or {@link #RESULT_ERROR} (the channel threw).
   */
  public static final String CHANNEL_APPEND_FAILURES = "agentstream.channel.append.failures";

  // ---- SSE sessions (api) ------------------------------------------------------------------

  /** Gauge: SSE sessions open on this node now. No tags. */
  public static final String SSE_SESSIONS = "agentstream.sse.sessions";

  /**
   * Counter: {@code step.token} events written to SSE clients, each client counting once. One event
   * may carry several tokens that the step writer merged while the channel was busy. No tags.
   */
  public static final String TOKENS_DELIVERED = "agentstream.tokens.delivered";

  /**
   * Counter: snapshots sent to resync a client that could not be continued event by event. Tag
   * {@link #TAG_CAUSE}: {@link #CAUSE_GAP}, {@link #CAUSE_OVERFLOW}, {@link #CAUSE_CHANNEL_BACK},
   * {@link #CAUSE_NO_RUN_STARTED} or {@link #CAUSE_RESUME}. A new subscriber's first snapshot and
   * the snapshots polled while the channel is down are not resyncs.
   */
  public static final String SSE_RESYNCS = "agentstream.sse.resyncs";

  /**
   * Counter: times a slow client fell more than {@code agentstream.sse.max-backlog} events behind
   * and lost its backlog (it is then resynced, cause {@link #CAUSE_OVERFLOW}). No tags.
   */
  public static final String SSE_BACKLOG_OVERFLOWS = "agentstream.sse.backlog.overflows";

  // ---- runs (api: the worker's workflow interceptor) ---------------------------------------

  /**
   * Counter: runs whose workflow started executing on this worker (counted once per run, not on
   * replay). Tag {@link #TAG_AGENT}.
   */
  public static final String RUNS_STARTED = "agentstream.runs.started";

  /**
   * Timer: a run from its workflow's start to its end, recorded once by the worker that ends it.
   * Tags {@link #TAG_AGENT} and {@link #TAG_OUTCOME} ({@link #OUTCOME_COMPLETED}, {@link
   * #OUTCOME_FAILED} or {@link #OUTCOME_CANCELLED}); its count is the runs that ended.
   */
  public static final String RUN_DURATION = "agentstream.run.duration";

  // ---- tags and their values ---------------------------------------------------------------

  /** The agent's name, as clients give it ({@code trip-planner}). */
  public static final String TAG_AGENT = "agent";

  /** How a run ended. */
  public static final String TAG_OUTCOME = "outcome";

  public static final String OUTCOME_COMPLETED = "completed";
  public static final String OUTCOME_FAILED = "failed";
  public static final String OUTCOME_CANCELLED = "cancelled";

  /** The configured model name ({@code gpt-4o-mini}, {@code agentstream-simulator}). */
  public static final String TAG_MODEL = "model";

  /** Which side of a model call tokens are on. */
  public static final String TAG_TYPE = "type";

  public static final String TYPE_INPUT = "input";
  public static final String TYPE_OUTPUT = "output";

  /** What became of a live-channel append. */
  public static final String TAG_RESULT = "result";

  public static final String RESULT_OK = "ok";
  public static final String RESULT_REFUSED = "refused";
  public static final String RESULT_UNAVAILABLE = "unavailable";
  public static final String RESULT_ERROR = "error";

  /** Why a client was resynced with a snapshot. */
  public static final String TAG_CAUSE = "cause";

  /** The live channel lost events the client should have had. */
  public static final String CAUSE_GAP = "gap";

  /** The client fell too far behind ({@link #SSE_BACKLOG_OVERFLOWS}). */
  public static final String CAUSE_OVERFLOW = "overflow";

  /** The live channel is available again after the client was served by polling. */
  public static final String CAUSE_CHANNEL_BACK = "channel-back";

  /** A new subscriber of a running run got no {@code run.started} from the channel in time. */
  public static final String CAUSE_NO_RUN_STARTED = "no-run-started";

  /** {@code Last-Event-ID} named an event the channel can no longer continue after. */
  public static final String CAUSE_RESUME = "resume";
}
