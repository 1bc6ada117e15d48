package io.agentstream.step;

import io.agentstream.llm.ModelStream;
import io.agentstream.llm.ModelTurn;
import io.agentstream.llm.Prompt;
import io.agentstream.llm.StepModelCalls;
import io.agentstream.protocol.EventDraft;
import io.agentstream.protocol.EventPayload;
import io.agentstream.protocol.StepData;
import io.agentstream.protocol.StepProgress;
import io.agentstream.protocol.StepReasoning;
import io.agentstream.protocol.StepRetrying;
import io.agentstream.protocol.StepRewind;
import io.agentstream.protocol.StepToken;
import io.agentstream.protocol.TokenUsage;
import io.agentstream.protocol.ToolCall;
import io.agentstream.protocol.ToolCallArguments;
import io.agentstream.protocol.ToolCallCompleted;
import io.agentstream.protocol.ToolCallStarted;
import io.agentstream.protocol.ToolCallStatus;
import io.agentstream.run.StepCheckpoint;
import io.agentstream.stream.StreamChannel;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a step's code uses to stream while it runs and still return a typed value: {@code token}
 * deltas, {@code data} items and {@code progress} go to the live channel at once; the partial
 * result (text and items up to the last consistent point) is heartbeated as a {@link
 * StepCheckpoint} about once a second, so it is durable on the Temporal server.
 *
 * <p>Writes never wait for the channel. They go to an outbox that one sender at a time drains in
 * order; while an append is in flight, the tokens that arrive meanwhile are merged into one {@code
 * step.token} delta (the protocol places a delta by its offset, so a merged one is as exact). An
 * idle writer sends each token at once; a writer whose channel is slow, like Redis on a loaded
 * machine, sends fewer, larger events instead of falling behind the model. A checkpoint only ever
 * covers what has reached the channel, and {@link #close()} waits until everything has.
 *
 * <p>On a retry the writer starts from the last checkpoint: {@link #resumed()} says so, {@link
 * #text()} and {@link #items()} hold the checkpointed partial, and a {@code step.rewind} event has
 * told clients to reset the step to exactly that state.
 *
 * <p>Finish-now and cancel reach a step as Temporal activity cancellation, seen on the heartbeat
 * that the writer sends every {@code checkpointInterval} (about a second): {@link #stopRequested()}
 * turns true and later writes are ignored, so the step's partial output is exactly what clients
 * saw. Because the workflow waits for the cancelled activity to complete, that partial output can
 * still become the step's result.
 *
 * <p>Thread-safe: model callbacks may write from another thread than the activity's. The state is
 * guarded by the writer's monitor, which no channel append ever holds, so heartbeats go out on time
 * however slow the live channel is.
 *
 * <p>Token usage: while the writer is open, every {@link ModelStream} call on the activity's thread
 * counts for the step ({@link StepModelCalls}). {@link #usage()} is what this attempt and the ones
 * before it used: the checkpoint carries it, whether or not a call's output reached the checkpoint
 * (the call was billed), so a retry adds to what the failed attempt used. Put it in the step's
 * result so the workflow keeps it.
 *
 * <p>Every log line about the step carries its run and step ({@link LogContext}): the writer puts
 * them into the MDC of the activity's thread from {@link StepWriters#openStep open} to {@link
 * #close()}, and of its own sender and heartbeat threads while they work for it.
 */
public final class StepWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StepWriter.class);

  private final ActivityExecutionContext context;
  private final StreamChannel channel;
  private final Executor senders;
  private final StepMeters meters;
  private final String runId;
  private final String stepId;
  private final int attempt;
  private final boolean everyWriteIsConsistent;
  private final boolean resumed;
  private final StringBuilder text = new StringBuilder();

  /** The model's reasoning streamed so far ({@code step.reasoning}), a blank line between calls. */
  private final StringBuilder reasoning = new StringBuilder();

  /** True when the next reasoning starts a new reply's: it is set apart by a blank line. */
  private boolean newReasoning;

  private final List<Object> items = new ArrayList<>();
  private final List<ToolCall> toolCalls = new ArrayList<>();

  /** The reasoning before a turn of tool calls, by the id of its first call (recordThinking). */
  private final Map<String, String> thinking = new HashMap<>();

  /** Indexes of the tool calls whose result has reached the channel: what a checkpoint holds. */
  private final java.util.BitSet deliveredToolResults = new java.util.BitSet();

  private final ArrayDeque<Outgoing> outbox = new ArrayDeque<>();

  private boolean sending;
  private long lastSeq;
  private int consistentTextLength;
  private int consistentItemCount;
  private int consistentReasoningLength;

  /**
   * The text length and item count of the last consistent point asked for: while they stay so,
   * reasoning alone changes, and the point it makes is consistent too.
   */
  private int askedConsistentText;

  private int askedConsistentItems;
  private long consistentSeq;
  private volatile boolean cancelled;
  private volatile boolean fenced;
  private volatile boolean draining;
  private TokenUsage usage = TokenUsage.NONE;

  /** What {@link #failed} last returned, so that reporting it again changes nothing. */
  private volatile RuntimeException reported;

  /** Tokens this step may use before it stops itself (the run's budget less its other steps'). */
  private long tokensAllowed = Long.MAX_VALUE;

  /** Tokens streamed since the last reported usage: an estimate of a call still running. */
  private long streamedSinceUsage;

  private volatile boolean budgetUsedUp;

  /** True once the step's {@code max_tokens} cut one of its text replies off. */
  private volatile boolean replyCut;

  /** True when the last model call of this writer was cut off by {@code max_tokens}. */
  private volatile boolean lastCallCut;

  private StepModelCalls modelCalls;
  private Runnable onClose = () -> {};
  private ScheduledFuture<?> ticker;
  private LogContext logContext;

  /**
   * An event waiting for the channel, and the consistent point it completes, if any.
   *
   * @param payload the event; {@code null} for tokens (built from {@code offset} and {@code text})
   *     and for a bare consistency marker
   * @param offset where a token delta starts
   * @param text a token delta, grown while it waits
   * @param reasoning whether {@code offset} and {@code text} are a reasoning delta, not tokens
   * @param consistentText text length that is consistent once this is out, or -1
   * @param consistentItems item count that is consistent once this is out
   * @param consistentReasoning reasoning length that is consistent once this is out
   */
  private record Outgoing(
      EventPayload payload,
      int offset,
      StringBuilder text,
      boolean reasoning,
      int consistentText,
      int consistentItems,
      int consistentReasoning) {

    static Outgoing tokens(int offset, String delta) {
      return new Outgoing(null, offset, new StringBuilder(delta), false, -1, 0, 0);
    }

    static Outgoing reasoning(int offset, String delta) {
      return new Outgoing(null, offset, new StringBuilder(delta), true, -1, 0, 0);
    }

    static Outgoing event(EventPayload payload) {
      return new Outgoing(payload, 0, null, false, -1, 0, 0);
    }

    static Outgoing marker() {
      return new Outgoing(null, 0, null, false, -1, 0, 0);
    }

    Outgoing consistentAt(int textLength, int itemCount, int reasoningLength) {
      return new Outgoing(payload, offset, text, reasoning, textLength, itemCount, reasoningLength);
    }

    boolean isTokens() {
      return text != null && !reasoning;
    }

    boolean isReasoning() {
      return text != null && reasoning;
    }

    boolean isConsistencyPoint() {
      return consistentText >= 0;
    }

    boolean isMarker() {
      return payload == null && text == null;
    }

    EventPayload event() {
      if (text == null) {
        return payload;
      }
      return reasoning
          ? new StepReasoning(offset, text.toString())
          : new StepToken(offset, text.toString());
    }
  }

  private StepWriter(
      ActivityExecutionContext context,
      StreamChannel channel,
      Executor senders,
      StepMeters meters,
      String stepId,
      boolean everyWriteIsConsistent) {
    this.context = context;
    this.channel = channel;
    this.senders = senders;
    this.meters = meters;
    this.runId = context.getInfo().getWorkflowId();
    this.stepId = stepId;
    this.attempt = context.getInfo().getAttempt();
    this.everyWriteIsConsistent = everyWriteIsConsistent;
    Optional<StepCheckpoint> previous =
        attempt > 1 ? context.getHeartbeatDetails(StepCheckpoint.class) : Optional.empty();
    this.resumed = attempt > 1;
    previous.ifPresent(
        c -> {
          text.append(c.text());
          items.addAll(c.items());
          toolCalls.addAll(c.toolCalls());
          deliveredToolResults.set(0, toolCalls.size());
          thinking.putAll(c.thinking());
          reasoning.append(c.reasoning());
          usage = c.usage();
        });
    askedConsistentText = text.length();
    askedConsistentItems = items.size();
  }

  static StepWriter open(
      ActivityExecutionContext context,
      StreamChannel channel,
      ScheduledExecutorService heartbeats,
      Executor senders,
      StepMeters meters,
      Duration interval,
      String stepId,
      boolean everyWriteIsConsistent) {
    StepWriter writer =
        new StepWriter(context, channel, senders, meters, stepId, everyWriteIsConsistent);
    writer.start(heartbeats, interval);
    return writer;
  }

  private void start(ScheduledExecutorService heartbeats, Duration interval) {
    logContext = LogContext.open(runId, stepId);
    modelCalls =
        StepModelCalls.bind(
            stepId,
            this::addUsage,
            this::tokensLeft,
            this::replyCut,
            this::modelThinks,
            this::reasoning);
    log.debug("step {} of run {}: attempt {} started", stepId, runId, attempt);
    synchronized (this) {
      if (resumed) {
        meters.retried.increment();
        if (!text.isEmpty() || !items.isEmpty()) {
          meters.resumedChars.record(text.length());
          meters.resumedItems.record(items.size());
        }
        log.info(
            "step {} of run {}: attempt {} resumes from a checkpoint of {} chars and {} items",
            stepId,
            runId,
            attempt,
            text.length(),
            items.size());
        enqueue(
            consistentNow(
                Outgoing.event(
                    new StepRewind(
                        text.toString(),
                        List.copyOf(items),
                        List.copyOf(toolCalls),
                        reasoning.toString()))));
      }
    }
    flush();
    heartbeat();
    // The SDK sends at most one heartbeat per interval (the worker's heartbeat throttle); calling
    // more often only means a cancellation in the latest response is noticed sooner.
    long period = Math.max(50, interval.toMillis() / 4);
    ticker = heartbeats.scheduleAtFixedRate(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
  }

  /** True when this attempt started from a previous attempt's checkpoint. */
  public boolean resumed() {
    return resumed;
  }

  /** The step's text so far (the checkpointed prefix on a resumed attempt). */
  public synchronized String text() {
    return text.toString();
  }

  /**
   * The tokens the step's model calls used so far, the attempts before this one included (from the
   * checkpoint): what the step's result reports.
   */
  public synchronized TokenUsage usage() {
    return usage;
  }

  /** Adds a model call's usage; the next heartbeat carries it. */
  private synchronized void addUsage(TokenUsage used) {
    usage = usage.plus(used);
    streamedSinceUsage = 0;
    checkBudget();
  }

  /**
   * Limits this step to {@code tokens} (input and output, this step's attempts together): once its
   * reported usage, plus the tokens of a call still streaming, reaches them, the step stops as if
   * finish-now had reached it and its output is cut short.
   */
  synchronized void limitTokens(long tokens) {
    tokensAllowed = tokens;
    checkBudget();
  }

  /** Tokens the step may still use before its budget stops it (estimating a call streaming). */
  private synchronized long tokensLeft() {
    return tokensAllowed == Long.MAX_VALUE
        ? Long.MAX_VALUE
        : tokensAllowed - usage.totalTokens() - streamedSinceUsage;
  }

  private void checkBudget() {
    if (!budgetUsedUp && usage.totalTokens() + streamedSinceUsage >= tokensAllowed) {
      log.info(
          "step {} of run {}: the run's token budget is used up ({} tokens allowed); stopping",
          stepId,
          runId,
          tokensAllowed);
      budgetUsedUp = true;
    }
  }

  /** The step's data items so far (from the checkpoint on a resumed attempt). */
  public synchronized List<Object> items() {
    return List.copyOf(items);
  }

  /** Appends LLM output to the step's text and streams it as a {@code step.token}. */
  public synchronized void token(String delta) {
    if (delta == null || delta.isEmpty() || stopRequested()) {
      return;
    }
    meters.tokensEmitted.increment();
    streamedSinceUsage++;
    checkBudget();
    int offset = text.length();
    text.append(delta);
    Outgoing waiting = outbox.peekLast();
    if (waiting != null && waiting.isTokens()) {
      // Still queued behind an append in flight: this delta joins it.
      waiting.text().append(delta);
      if (everyWriteIsConsistent) {
        outbox.pollLast();
        outbox.addLast(consistentNow(waiting));
      }
      return;
    }
    Outgoing tokens = Outgoing.tokens(offset, delta);
    enqueue(everyWriteIsConsistent ? consistentNow(tokens) : tokens);
  }

  /** A reply of the model reasons first: the step says so, and its reasoning starts anew. */
  private synchronized void modelThinks() {
    newReasoning = true;
    progress("The model is thinking");
  }

  /**
   * Appends what the model wrote while it thought to the step's reasoning and streams it as {@code
   * step.reasoning}: never part of the step's text. A new reply's reasoning is set apart from the
   * last one's by a blank line. It reaches the checkpoint with the next consistent point, or at
   * once while the text and items are those of the last one and no tool call is running, as they
   * are while a reply reasons before its answer or its calls.
   */
  public synchronized void reasoning(String delta) {
    if (delta == null || delta.isEmpty() || stopRequested()) {
      return;
    }
    // Generated and billed like any output: counted for the budget's estimate.
    streamedSinceUsage++;
    checkBudget();
    if (newReasoning && !reasoning.isEmpty()) {
      delta = "\n\n" + delta;
    }
    newReasoning = false;
    int offset = reasoning.length();
    reasoning.append(delta);
    // A checkpoint holds only finished tool calls: none may be running at a consistent point.
    boolean consistent =
        toolCalls.stream().allMatch(ToolCall::isDone)
            && (everyWriteIsConsistent
                || (text.length() == askedConsistentText && items.size() == askedConsistentItems));
    Outgoing waiting = outbox.peekLast();
    if (waiting != null && waiting.isReasoning() && (consistent || !waiting.isConsistencyPoint())) {
      // Still queued behind an append in flight: this delta joins it.
      waiting.text().append(delta);
      if (consistent) {
        outbox.pollLast();
        outbox.addLast(consistentNow(waiting));
      }
      return;
    }
    Outgoing piece = Outgoing.reasoning(offset, delta);
    enqueue(consistent ? consistentNow(piece) : piece);
  }

  /**
   * Adds a custom data item (a place found, a tool result) and streams it as {@code step.data}.
   *
   * @return the item's index, for {@link #replaceData}; -1 when the step was stopped and the item
   *     not added
   */
  public synchronized int data(Object item) {
    if (stopRequested()) {
      return -1;
    }
    int index = items.size();
    items.add(item);
    Outgoing event = Outgoing.event(new StepData(index, item));
    enqueue(everyWriteIsConsistent ? consistentNow(event) : event);
    return index;
  }

  /** Replaces an item already streamed (for example once its rationale is written). */
  public synchronized void replaceData(int index, Object item) {
    if (stopRequested() || index < 0 || index >= items.size()) {
      return;
    }
    items.set(index, item);
    Outgoing event = Outgoing.event(new StepData(index, item));
    enqueue(everyWriteIsConsistent ? consistentNow(event) : event);
  }

  /** Streams what the step is doing now; not part of the checkpoint. */
  public void progress(String message) {
    send(StepProgress.of(message));
  }

  /** Streams what the step is doing now with {@code done} of {@code total} counts. */
  public void progress(String message, int done, int total) {
    send(StepProgress.counted(message, done, total));
  }

  // ---- tool calls -----------------------------------------------------------------------------

  /**
   * The step's tool calls so far, in the order they were started; on a resumed attempt, the calls
   * the checkpoint holds (all completed, with their results).
   */
  public synchronized List<ToolCall> toolCalls() {
    return List.copyOf(toolCalls);
  }

  /**
   * Keeps the reasoning that led to a turn's tool calls, for an agent that sends calls of its
   * checkpoint back to the model on a retry ({@link #thinkingOf}): a server in DeepSeek's thinking
   * mode refuses tool calls sent back without it. It travels in the checkpoint with the calls and
   * is never streamed. A turn without calls, reasoning or call ids is not kept.
   */
  public synchronized void recordThinking(ModelTurn turn) {
    if (turn.noCalls() || turn.thinking().isBlank() || turn.calls().get(0).id() == null) {
      return;
    }
    thinking.put(turn.calls().get(0).id(), turn.thinking());
  }

  /**
   * The reasoning recorded ({@link #recordThinking}) for the turns that made {@code calls}, in
   * their order, {@code ""} when none: what to send back with them as one assistant message.
   */
  public synchronized String thinkingOf(List<ToolCall> calls) {
    return calls.stream()
        .map(ToolCall::callId)
        .filter(id -> id != null && thinking.containsKey(id))
        .map(thinking::get)
        .distinct()
        .collect(Collectors.joining("\n\n"));
  }

  /**
   * A completed call of tool {@code name} with exactly these arguments, from this attempt or the
   * checkpoint: a resumed attempt uses its result instead of calling the tool again.
   */
  public synchronized Optional<ToolCall> completedToolCall(String name, String arguments) {
    return toolCalls.stream()
        .filter(c -> c.status() == ToolCallStatus.COMPLETED)
        .filter(c -> c.name().equals(name) && c.arguments().equals(arguments))
        .findFirst();
  }

  /**
   * Streams the start of a tool call as {@code tool.call.started}: for a model that streams its
   * calls, call it at the call's first chunk and stream the rest with {@link #toolCallArguments}.
   *
   * @param callId the model's id for the call
   * @param arguments the arguments produced so far (may be empty)
   * @return the call's index, for the other tool call methods; -1 when the step was stopped
   */
  public synchronized int toolCallStarted(String callId, String name, String arguments) {
    if (stopRequested()) {
      return -1;
    }
    int index = toolCalls.size();
    toolCalls.add(ToolCall.started(callId, name, arguments));
    enqueue(Outgoing.event(new ToolCallStarted(index, callId, name, arguments)));
    return index;
  }

  /** Appends to a running call's arguments and streams the delta as {@code tool.call.arguments}. */
  public synchronized void toolCallArguments(int index, String delta) {
    if (stopRequested() || delta == null || delta.isEmpty() || !isRunningCall(index)) {
      return;
    }
    ToolCall call = toolCalls.get(index);
    int offset = call.arguments().length();
    toolCalls.set(index, call.withArguments(offset, delta));
    enqueue(Outgoing.event(new ToolCallArguments(index, offset, delta)));
  }

  /**
   * Records a call's result and streams it as {@code tool.call.completed}. Once that event has
   * reached the channel the call is part of every later checkpoint, so a retry does not repeat it.
   *
   * @param summary a short human readable summary (shown in the call's line on the page)
   * @param data the result as JSON-friendly data
   */
  public synchronized void toolCallCompleted(int index, String summary, Object data) {
    endToolCall(index, summary, data, null);
  }

  /** Records that a call failed (the model may be told and try again); not checkpointed. */
  public synchronized void toolCallFailed(int index, String error) {
    endToolCall(index, null, null, error == null ? "failed" : error);
  }

  /**
   * Runs one tool call with its arguments known: a completed call of the same tool with the same
   * arguments (from the checkpoint of an earlier attempt, say) gives its result without running the
   * tool again; otherwise the call is streamed, run, and its result or failure recorded. A failure
   * is rethrown.
   */
  public ToolResult callTool(
      String callId, String name, String arguments, Supplier<ToolResult> tool) {
    Optional<ToolCall> done = completedToolCall(name, arguments);
    if (done.isPresent()) {
      return new ToolResult(done.get().summary(), done.get().data());
    }
    int index = toolCallStarted(callId, name, arguments);
    try {
      ToolResult result = tool.get();
      toolCallCompleted(index, result.summary(), result.data());
      return result;
    } catch (RuntimeException e) {
      toolCallFailed(index, messageOf(e));
      throw e;
    }
  }

  private void endToolCall(int index, String summary, Object data, String error) {
    if (stopRequested() || !isRunningCall(index)) {
      return;
    }
    toolCalls.set(index, toolCalls.get(index).ended(summary, data, error));
    enqueue(Outgoing.event(new ToolCallCompleted(index, summary, data, error)));
  }

  private boolean isRunningCall(int index) {
    return index >= 0 && index < toolCalls.size() && !toolCalls.get(index).isDone();
  }

  private synchronized void send(EventPayload event) {
    enqueue(Outgoing.event(event));
  }

  // ---- model calls: the writer owns their error path ----------------------------------------

  /**
   * Streams the model's reply as the step's text. On a resumed attempt the model is asked to
   * continue the checkpointed text, so clients see one text, not two. A failed call is reported
   * ({@code step.retrying} unless it will not be retried) and rethrown for Temporal.
   *
   * @return the step's whole text
   */
  public String writeModelText(ModelStream model, Prompt prompt) {
    String partial = text();
    callModel(() -> model.stream(prompt, partial, this::token, this::stopRequested));
    return text();
  }

  /**
   * Streams the model's reply as the step's text, like {@link #writeModelText}, and hands each line
   * to {@code onLine} the moment its newline is written: for steps whose reply is a list with one
   * item per line. While {@code onLine} runs, the step's text ends exactly with that line and
   * finish-now cannot stop the step, so a {@link #data} item added for the line and a {@link
   * #checkpoint()} marked there cover the line and nothing after it: a retry resumes after the last
   * such line. A last line without a newline is handed over once the model has finished, after a
   * newline is written for it; a line that finish-now or cancel cuts off is never handed over. On a
   * resumed attempt the model continues the checkpointed text, and the line in progress starts with
   * the text after its last newline, so no line reaches {@code onLine} twice.
   *
   * <p>{@code onLine} runs on the model client's thread, between two tokens and holding this
   * writer's monitor: keep it quick (parse, {@code data}, {@code checkpoint}, {@code progress}) and
   * do not throw. Failures as in {@link #writeModelText}.
   *
   * @param onLine receives each completed line, without its line terminator
   * @return the step's whole text
   */
  public String writeModelLines(ModelStream model, Prompt prompt, Consumer<String> onLine) {
    String partial = text();
    StringBuilder line = new StringBuilder(partial.substring(partial.lastIndexOf('\n') + 1));
    callModel(
        () ->
            model.stream(
                prompt, partial, delta -> writeLines(delta, line, onLine), this::stopRequested));
    // Stopped: the model thread may still be in a callback, and a cut-off line is not handed over;
    // nor is the last line of a reply max_tokens cut off (half an item).
    if (!stopRequested() && !lastCallCut && line.length() > 0) {
      writeLineEnd("\n", line, onLine);
    }
    return text();
  }

  /**
   * Writes a token, handing over each line it completes the moment that line's newline is written.
   */
  private void writeLines(String delta, StringBuilder line, Consumer<String> onLine) {
    int start = 0;
    for (int end = delta.indexOf('\n'); end >= 0; end = delta.indexOf('\n', start)) {
      writeLineEnd(delta.substring(start, end + 1), line, onLine);
      start = end + 1;
    }
    token(delta.substring(start));
    line.append(delta, start, delta.length());
  }

  /** Writes the end of a line, newline included, and hands the whole line over unless stopped. */
  private synchronized void writeLineEnd(String end, StringBuilder line, Consumer<String> onLine) {
    if (stopRequested()) {
      return;
    }
    token(end);
    line.append(end, 0, end.length() - 1);
    String complete = line.toString();
    line.setLength(0);
    // On the model client's thread: what onLine logs is about this step too.
    try (LogContext ignored = LogContext.open(runId, stepId)) {
      onLine.accept(
          complete.endsWith("\r") ? complete.substring(0, complete.length() - 1) : complete);
    }
  }

  /**
   * Streams the reply to a new prompt after the step's text so far (for a step that writes one
   * piece per item, such as a rationale per place found). Failures as in {@link #writeModelText}.
   *
   * @return what this call added
   */
  public String appendModelText(ModelStream model, Prompt prompt) {
    return callModel(() -> model.stream(prompt, "", this::token, this::stopRequested));
  }

  /**
   * Asks the model without streaming its reply as text (for replies that are data, such as
   * clarifying questions). Failures as in {@link #writeModelText}.
   */
  public String askModel(ModelStream model, Prompt prompt) {
    return callModel(() -> model.stream(prompt, "", t -> {}, this::stopRequested));
  }

  private String callModel(Supplier<String> call) {
    lastCallCut = false;
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw failed(e);
    }
  }

  /**
   * Marks the current text and items as a consistent point to resume from after a crash; it takes
   * effect once everything written so far has reached the channel.
   */
  public synchronized void checkpoint() {
    if (outbox.isEmpty() && !sending) {
      askedConsistentText = text.length();
      askedConsistentItems = items.size();
      markConsistent(text.length(), items.size(), reasoning.length());
    } else {
      enqueue(consistentNow(Outgoing.marker()));
    }
  }

  /** True once finish-now or cancel reached this step (or a newer attempt replaced it). */
  public boolean stopRequested() {
    return cancelled || fenced || draining || budgetUsedUp;
  }

  /**
   * The worker is shutting down: the step stops writing now, and {@link #close()} ends the attempt
   * with a retryable failure once everything written has reached the channel and the checkpoint
   * covers it, so Temporal retries the step at once elsewhere and the retry resumes from exactly
   * what clients saw: a planned restart regenerates nothing.
   */
  void endForShutdown() {
    draining = true;
  }

  /** Called once the writer is closed (its owner stops tracking it). */
  void onClose(Runnable action) {
    this.onClose = action;
  }

  /**
   * True when the step's output ended early: finish-now, cancel or the run's token budget stopped
   * the step, or the step's {@code max_tokens} cut one of its replies off. It is cut short.
   */
  public boolean cutShort() {
    return cancelled || budgetUsedUp || replyCut;
  }

  /** The step's {@code max_tokens} cut a text reply off: the step's output is cut short. */
  private void replyCut() {
    replyCut = true;
    lastCallCut = true;
  }

  /**
   * Records that this attempt failed: unless the failure is non-retryable, clients get a {@code
   * step.retrying} event, and the latest checkpoint is flushed so the next attempt resumes from it.
   * Model calls made through this writer do this themselves; call it for the step's other failures
   * and throw what it returns.
   */
  public RuntimeException failed(RuntimeException cause) {
    if (cause == reported) {
      return cause; // a model call of this writer reported it already, on its way out
    }
    boolean retryable = !(cause instanceof ApplicationFailure af && af.isNonRetryable());
    String message = messageOf(cause);
    if (retryable) {
      synchronized (this) {
        enqueue(Outgoing.event(new StepRetrying(message, attempt + 1)));
      }
    }
    flush();
    heartbeat();
    reported = withUsage(cause, message, usage());
    return reported;
  }

  /**
   * What clients are told of a failure ({@code step.retrying}, a failed tool call): its own
   * message, without Temporal's {@code message='…', type='…'} framing, and never a class name.
   */
  static String messageOf(Throwable failure) {
    String message =
        failure instanceof ApplicationFailure af ? af.getOriginalMessage() : failure.getMessage();
    return message == null || message.isBlank() ? "failed without a message" : message;
  }

  /**
   * The failure as Temporal should see it (same type, same retryability, the cause kept) with the
   * tokens the step has used in its details: when it is the last attempt's, the workflow counts
   * them for the failed step ({@code step.failed}'s usage), since they were billed.
   */
  private static ApplicationFailure withUsage(
      RuntimeException cause, String message, TokenUsage used) {
    if (cause instanceof ApplicationFailure af) {
      return af.isNonRetryable()
          ? ApplicationFailure.newNonRetryableFailureWithCause(
              af.getOriginalMessage(), af.getType(), af, used)
          : ApplicationFailure.newFailureWithCause(af.getOriginalMessage(), af.getType(), af, used);
    }
    // Temporal names a failure by its exception's class: keep that for retry policies.
    return ApplicationFailure.newFailureWithCause(message, cause.getClass().getName(), cause, used);
  }

  /**
   * Waits until everything written has reached the channel, then stops heartbeating. When the
   * worker is draining, it then ends the attempt with a retryable failure (see {@link
   * #endForShutdown()}), whatever the step's code returned.
   */
  @Override
  public void close() {
    try {
      flush();
      if (draining && !cancelled && !fenced) {
        synchronized (this) {
          // Everything written so far reached clients: it is all part of the last checkpoint.
          if (everyWriteIsConsistent) {
            markConsistent(text.length(), items.size(), reasoning.length());
          }
        }
        log.info(
            "step {} of run {}: worker draining; attempt {} ends at a checkpoint of {} chars",
            stepId,
            runId,
            attempt,
            latestCheckpoint().text().length());
        throw failed(
            ApplicationFailure.newFailure(
                "the worker is shutting down; the step continues from its checkpoint",
                WORKER_DRAINING));
      }
    } finally {
      if (ticker != null) {
        ticker.cancel(false);
      }
      if (modelCalls != null) {
        modelCalls.close();
        modelCalls = null;
      }
      if (logContext != null) {
        logContext.close();
        logContext = null;
      }
      onClose.run();
    }
  }

  /** The failure type of an attempt ended by a draining worker; Temporal retries it. */
  public static final String WORKER_DRAINING = "WorkerDraining";

  /** Blocks until the outbox is empty, so what the step returns is what clients were sent. */
  private synchronized void flush() {
    boolean interrupted = false;
    while (sending || !outbox.isEmpty()) {
      try {
        wait();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Called holding the monitor: {@code outgoing} as a consistent point at the step's text, items
   * and reasoning as they are now, which it is once everything queued before it is out.
   */
  private Outgoing consistentNow(Outgoing outgoing) {
    askedConsistentText = text.length();
    askedConsistentItems = items.size();
    return outgoing.consistentAt(text.length(), items.size(), reasoning.length());
  }

  /** Called holding the monitor: queues an event and starts a sender unless one is running. */
  private void enqueue(Outgoing outgoing) {
    outbox.addLast(outgoing);
    if (!sending) {
      sending = true;
      senders.execute(this::drain);
    }
  }

  /** The one sender: appends queued events in order, outside the monitor. */
  private void drain() {
    try (LogContext ignored = LogContext.open(runId, stepId)) {
      drainOutbox();
    }
  }

  private void drainOutbox() {
    boolean done = false;
    try {
      while (!done) {
        Outgoing next;
        synchronized (this) {
          next = outbox.pollFirst();
          if (next == null) {
            // In the same critical section as the empty poll, so a write that comes next starts a
            // sender.
            sending = false;
            notifyAll();
            return;
          }
        }
        // Polled out of the outbox, so no writer touches it any more.
        long seq = next.isMarker() ? 0 : append(next);
        synchronized (this) {
          if (seq > 0) {
            lastSeq = seq;
            if (next.payload() instanceof ToolCallCompleted result && result.error() == null) {
              deliveredToolResults.set(result.index());
            }
          }
          if (next.isConsistencyPoint()) {
            markConsistent(
                next.consistentText(), next.consistentItems(), next.consistentReasoning());
          }
        }
      }
    } catch (RuntimeException e) {
      log.warn(
          "step {} of run {}: streaming an event failed; clients resync from the next one",
          stepId,
          runId,
          e);
      synchronized (this) {
        outbox.clear();
        sending = false;
        notifyAll();
      }
    }
  }

  private long append(Outgoing outgoing) {
    long seq = channel.append(new EventDraft(runId, stepId, attempt, outgoing.event()));
    if (seq == StreamChannel.REFUSED) {
      if (!fenced) {
        log.info(
            "step {} of run {}: attempt {} was superseded by a newer attempt; stopping",
            stepId,
            runId,
            attempt);
      }
      fenced = true;
    }
    return seq;
  }

  /** Records lengths only: the checkpoint itself is built when heartbeated, keeping writes O(1). */
  private void markConsistent(int textLength, int itemCount, int reasoningLength) {
    consistentTextLength = textLength;
    consistentItemCount = itemCount;
    consistentReasoningLength = reasoningLength;
    consistentSeq = lastSeq;
  }

  private synchronized StepCheckpoint latestCheckpoint() {
    return new StepCheckpoint(
        stepId,
        attempt,
        text.substring(0, consistentTextLength),
        List.copyOf(items.subList(0, consistentItemCount)),
        consistentSeq,
        deliveredToolResults.stream().mapToObj(toolCalls::get).toList(),
        usage,
        thinkingOfDeliveredCalls(),
        reasoning.substring(0, consistentReasoningLength));
  }

  /** The reasoning kept for calls a checkpoint holds. */
  private Map<String, String> thinkingOfDeliveredCalls() {
    if (thinking.isEmpty()) {
      return Map.of();
    }
    Map<String, String> kept = new HashMap<>();
    deliveredToolResults.stream()
        .mapToObj(i -> toolCalls.get(i).callId())
        .filter(id -> id != null && thinking.containsKey(id))
        .forEach(id -> kept.put(id, thinking.get(id)));
    return kept;
  }

  private void heartbeat() {
    // Also called on the heartbeat scheduler's threads.
    try (LogContext ignored = LogContext.open(runId, stepId)) {
      sendHeartbeat();
    }
  }

  private void sendHeartbeat() {
    StepCheckpoint latest = latestCheckpoint();
    try {
      context.heartbeat(latest);
    } catch (ActivityCanceledException e) {
      if (!cancelled) {
        log.info("step {} of run {}: stop requested (finish-now or cancel)", stepId, runId);
        // Under the monitor, so a stop never lands between a line and its item (writeModelLines).
        synchronized (this) {
          cancelled = true;
        }
      }
    } catch (ActivityCompletionException e) {
      log.info(
          "step {} of run {} attempt {}: no longer current ({}); stopping",
          stepId,
          runId,
          attempt,
          e.toString());
      fenced = true;
    } catch (RuntimeException e) {
      log.warn("step {} of run {}: heartbeat failed: {}", stepId, runId, e.toString());
    }
  }
}
