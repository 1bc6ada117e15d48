package io.agentstream.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A client's view of a run, rebuilt by applying its events in order exactly as docs/protocol.md
 * ("Applying events") says; the JavaScript twin is {@code clients/js/agentstream.js}, and both pass
 * the recorded sequences under {@code protocol/src/test/resources/sequences/}.
 *
 * <p>{@link #apply} never throws on what the server sends: it answers {@link Outcome#RESYNC} when
 * the view can no longer be exact (a gap in a step's text or items, a newer attempt whose rewind
 * was missed). The view then ignores everything but a snapshot; the client reconnects without an id
 * and gets one. Until its first snapshot a view also answers {@code RESYNC}.
 *
 * <p>Not thread-safe: apply events from one thread.
 */
public final class RunView {

  /** What applying one event meant. */
  public enum Outcome {
    /** Applied (or harmlessly ignored as a repeat or a stale attempt). */
    OK,
    /** The view is not exact any more: reconnect without an id to get a fresh snapshot. */
    RESYNC
  }

  private final Map<String, MutableStep> steps = new LinkedHashMap<>();
  private String runId;
  private String agent;
  private RunStatus status;
  private Object result;
  private String error;
  private List<Question> questions = List.of();
  private Long tokenBudget;
  private StopReason stopReason;
  private long lastEventId;
  private boolean needsResync = true;
  private String resyncReason = "no snapshot yet";
  private RunEvent applying;
  private final Reducer reducer = new Reducer();

  /**
   * Applies one event; see the class comment for what {@link Outcome#RESYNC} asks of the caller.
   */
  public Outcome apply(RunEvent event) {
    boolean resets = event.payload() instanceof Snapshot || event.payload() instanceof RunStarted;
    if (needsResync && !resets) {
      return Outcome.RESYNC;
    }
    applying = event;
    Outcome outcome = event.payload().accept(reducer);
    if (outcome == Outcome.OK) {
      lastEventId = event.seq();
    }
    return outcome;
  }

  public String runId() {
    return runId;
  }

  public String agent() {
    return agent;
  }

  /** The run's status; null before the first snapshot. */
  public RunStatus status() {
    return status;
  }

  public boolean isTerminal() {
    return status != null && status.isTerminal();
  }

  /** The agent's result once completed, as JSON-friendly data. */
  public Object result() {
    return result;
  }

  public String error() {
    return error;
  }

  /** The tokens of the whole run: the sum of its steps' usage. */
  public TokenUsage usage() {
    return steps.values().stream().map(s -> s.usage).reduce(TokenUsage.NONE, TokenUsage::plus);
  }

  /** The run's token budget, or null for none. */
  public Long tokenBudget() {
    return tokenBudget;
  }

  /** Why the run stopped early, or null. */
  public StopReason stopReason() {
    return stopReason;
  }

  /** Questions waiting for answers. */
  public List<Question> questions() {
    return questions;
  }

  /** The id to resume after: the seq of the last event applied. */
  public long lastEventId() {
    return lastEventId;
  }

  /** True after an {@link Outcome#RESYNC} until the next snapshot (and before the first). */
  public boolean needsResync() {
    return needsResync;
  }

  /** Why the last {@link Outcome#RESYNC} was answered. */
  public String resyncReason() {
    return resyncReason;
  }

  /** Every step, in the run's order. */
  public List<StepView> steps() {
    return steps.values().stream().map(MutableStep::view).toList();
  }

  public Optional<StepView> step(String id) {
    return Optional.ofNullable(steps.get(id)).map(MutableStep::view);
  }

  private Outcome resync(String reason) {
    needsResync = true;
    resyncReason = reason;
    return Outcome.RESYNC;
  }

  private MutableStep step() {
    return steps.computeIfAbsent(applying.step(), MutableStep::new);
  }

  private void replaceWith(RunSnapshot snapshot) {
    runId = snapshot.runId();
    agent = snapshot.agent();
    status = snapshot.status();
    result = snapshot.result();
    error = snapshot.error();
    questions = snapshot.questions();
    tokenBudget = snapshot.tokenBudget();
    stopReason = snapshot.stopReason();
    steps.clear();
    for (StepSnapshot s : snapshot.steps()) {
      MutableStep step = new MutableStep(s.id());
      step.title = s.title();
      step.status = s.status();
      step.attempt = s.attempt();
      step.text = s.text();
      step.reasoning = s.reasoning();
      step.items = new ArrayList<>(s.items());
      step.error = s.error();
      step.toolCalls = new ArrayList<>(s.toolCalls());
      step.usage = s.usage();
      steps.put(s.id(), step);
    }
    needsResync = false;
    resyncReason = null;
  }

  /**
   * Whether a delta of this attempt applies to the step: not when the step is finished or the
   * attempt is stale (empty), and not exactly when the attempt is newer than the step's (its rewind
   * was missed).
   */
  private Optional<Outcome> skipDelta(MutableStep step) {
    if (step.status.isFinished() || applying.attempt() < step.attempt) {
      return Optional.of(Outcome.OK);
    }
    if (applying.attempt() > step.attempt) {
      return Optional.of(
          resync(
              "step "
                  + step.id
                  + ": attempt "
                  + applying.attempt()
                  + " before its rewind (have "
                  + step.attempt
                  + ")"));
    }
    return Optional.empty();
  }

  /**
   * {@code text} placed at {@code offset} of {@code current} (a token in the step's text, a piece
   * of its reasoning): the longer string, {@code current} when it holds that text already, or null
   * when the offset is past its end, a gap.
   */
  private static String placed(String current, int offset, String text) {
    if (offset > current.length()) {
      return null;
    }
    if (offset + text.length() <= current.length()) {
      return current;
    }
    return current.substring(0, offset) + text;
  }

  private void endInFlightSteps(StepStatus ended) {
    steps.values().stream()
        .filter(s -> s.status.isInFlight())
        .forEach(
            s -> {
              s.status = ended;
              s.reasoning = "";
            });
  }

  private final class Reducer implements EventVisitor<Outcome> {
    @Override
    public Outcome snapshot(Snapshot event) {
      replaceWith(event.snapshot());
      return Outcome.OK;
    }

    @Override
    public Outcome runStarted(RunStarted event) {
      replaceWith(event.snapshot());
      return Outcome.OK;
    }

    @Override
    public Outcome runStatus(RunStatusChanged event) {
      status = event.status();
      return Outcome.OK;
    }

    @Override
    public Outcome questions(QuestionsAsked event) {
      questions = event.questions();
      status = RunStatus.WAITING_FOR_INPUT;
      return Outcome.OK;
    }

    @Override
    public Outcome stepStarted(StepStarted event) {
      MutableStep step = step();
      if (step.status == StepStatus.PENDING) {
        step.status = StepStatus.RUNNING;
        step.attempt = Math.max(step.attempt, 1);
      }
      if (event.title() != null) {
        step.title = event.title();
      }
      return Outcome.OK;
    }

    @Override
    public Outcome stepToken(StepToken event) {
      MutableStep step = step();
      Optional<Outcome> skip = skipDelta(step);
      if (skip.isPresent()) {
        return skip.get();
      }
      String text = placed(step.text, event.offset(), event.text());
      if (text == null) {
        return resync(
            "step "
                + step.id
                + ": token at "
                + event.offset()
                + " but the text has "
                + step.text.length());
      }
      step.text = text;
      return Outcome.OK;
    }

    @Override
    public Outcome stepReasoning(StepReasoning event) {
      MutableStep step = step();
      Optional<Outcome> skip = skipDelta(step);
      if (skip.isPresent()) {
        return skip.get();
      }
      String reasoning = placed(step.reasoning, event.offset(), event.text());
      if (reasoning == null) {
        return resync(
            "step "
                + step.id
                + ": reasoning at "
                + event.offset()
                + " but it has "
                + step.reasoning.length());
      }
      step.reasoning = reasoning;
      return Outcome.OK;
    }

    @Override
    public Outcome stepData(StepData event) {
      MutableStep step = step();
      Optional<Outcome> skip = skipDelta(step);
      if (skip.isPresent()) {
        return skip.get();
      }
      if (event.index() > step.items.size()) {
        return resync(
            "step " + step.id + ": item " + event.index() + " but it has " + step.items.size());
      }
      if (event.index() == step.items.size()) {
        step.items.add(event.item());
      } else {
        step.items.set(event.index(), event.item());
      }
      return Outcome.OK;
    }

    @Override
    public Outcome stepProgress(StepProgress event) {
      MutableStep step = step();
      Optional<Outcome> skip = skipDelta(step);
      if (skip.isPresent()) {
        return skip.get();
      }
      step.progress = event;
      return Outcome.OK;
    }

    @Override
    public Outcome toolCallStarted(ToolCallStarted event) {
      MutableStep step = step();
      Optional<Outcome> skip = skipDelta(step);
      if (skip.isPresent()) {
        return skip.get();
      }
      if (event.index() > step.toolCalls.size()) {
        return resync(
            "step "
                + step.id
                + ": tool call "
                + event.index()
                + " but it has "
                + step.toolCalls.size());
      }
      // An index already known is a repeat: its arguments may have grown since, keep them.
      if (event.index() == step.toolCalls.size()) {
        step.toolCalls.add(ToolCall.started(event.callId(), event.name(), event.arguments()));
      }
      return Outcome.OK;
    }

    @Override
    public Outcome toolCallArguments(ToolCallArguments event) {
      MutableStep step = step();
      Optional<Outcome> skip = skipDelta(step);
      if (skip.isPresent()) {
        return skip.get();
      }
      if (event.index() >= step.toolCalls.size()) {
        return resync("step " + step.id + ": arguments of unknown tool call " + event.index());
      }
      ToolCall call = step.toolCalls.get(event.index());
      if (event.offset() > call.arguments().length()) {
        return resync(
            "step "
                + step.id
                + ": tool call "
                + event.index()
                + " arguments at "
                + event.offset()
                + " but they have "
                + call.arguments().length());
      }
      if (!call.isDone() && event.offset() + event.text().length() > call.arguments().length()) {
        step.toolCalls.set(event.index(), call.withArguments(event.offset(), event.text()));
      }
      return Outcome.OK;
    }

    @Override
    public Outcome toolCallCompleted(ToolCallCompleted event) {
      MutableStep step = step();
      Optional<Outcome> skip = skipDelta(step);
      if (skip.isPresent()) {
        return skip.get();
      }
      if (event.index() >= step.toolCalls.size()) {
        return resync("step " + step.id + ": result of unknown tool call " + event.index());
      }
      ToolCall call = step.toolCalls.get(event.index());
      step.toolCalls.set(event.index(), call.ended(event.summary(), event.data(), event.error()));
      return Outcome.OK;
    }

    @Override
    public Outcome stepRewind(StepRewind event) {
      MutableStep step = step();
      if (applying.attempt() >= step.attempt && !step.status.isFinished()) {
        step.attempt = applying.attempt();
        step.text = event.text();
        step.reasoning = event.reasoning();
        step.items = new ArrayList<>(event.items());
        step.toolCalls = new ArrayList<>(event.toolCalls());
        step.status = StepStatus.RUNNING;
        step.error = null;
        step.progress = null;
      }
      return Outcome.OK;
    }

    @Override
    public Outcome stepRetrying(StepRetrying event) {
      MutableStep step = step();
      if (applying.attempt() >= step.attempt && !step.status.isFinished()) {
        step.status = StepStatus.RETRYING;
        step.error = event.error();
      }
      return Outcome.OK;
    }

    @Override
    public Outcome stepCompleted(StepCompleted event) {
      MutableStep step = step();
      step.status = event.status();
      step.text = event.text();
      step.items = new ArrayList<>(event.items());
      step.toolCalls = new ArrayList<>(event.toolCalls());
      step.usage = event.usage();
      step.progress = null;
      step.reasoning = "";
      return Outcome.OK;
    }

    @Override
    public Outcome stepFailed(StepFailed event) {
      MutableStep step = step();
      step.status = StepStatus.FAILED;
      step.error = event.error();
      step.usage = event.usage();
      step.reasoning = "";
      return Outcome.OK;
    }

    @Override
    public Outcome runCompleted(RunCompleted event) {
      status = RunStatus.COMPLETED;
      result = event.result();
      if (event.stopReason() != null) {
        stopReason = event.stopReason();
      }
      return Outcome.OK;
    }

    @Override
    public Outcome runFailed(RunFailed event) {
      status = RunStatus.FAILED;
      error = event.error();
      endInFlightSteps(StepStatus.FAILED);
      return Outcome.OK;
    }

    @Override
    public Outcome runCancelled(RunCancelled event) {
      status = RunStatus.CANCELLED;
      endInFlightSteps(StepStatus.CANCELLED);
      return Outcome.OK;
    }
  }

  private static final class MutableStep {
    final String id;
    String title;
    StepStatus status = StepStatus.PENDING;
    int attempt;
    String text = "";
    String reasoning = "";
    List<Object> items = new ArrayList<>();
    String error;
    StepProgress progress;
    List<ToolCall> toolCalls = new ArrayList<>();
    TokenUsage usage = TokenUsage.NONE;

    MutableStep(String id) {
      this.id = id;
      this.title = id;
    }

    StepView view() {
      return new StepView(
          id,
          title,
          status,
          attempt,
          text,
          reasoning,
          List.copyOf(items),
          error,
          progress,
          List.copyOf(toolCalls),
          usage);
    }
  }
}
