package io.agentstream.api.client;

import io.agentstream.protocol.QuestionsAsked;
import io.agentstream.protocol.RunEvent;
import io.agentstream.protocol.RunStatus;
import io.agentstream.protocol.RunView;
import io.agentstream.protocol.Snapshot;
import io.agentstream.protocol.StepCompleted;
import io.agentstream.protocol.StepRewind;
import io.agentstream.protocol.StepStatus;
import io.agentstream.protocol.StepView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run as a test client follows it: the protocol's {@link RunView} (the one reducer) plus what
 * tests check about the stream itself: the text and items each step had reassembled from deltas
 * alone when its {@code step.completed} arrived, and how many snapshots and rewinds were applied.
 * Thread-safe, so a test can watch it while a follower thread applies events.
 */
public final class StreamedRun {

  /** The client must reconnect without an id to get a fresh snapshot. */
  public static final class GapException extends RuntimeException {
    GapException(String message) {
      super(message);
    }
  }

  /**
   * One step as the client sees it, with what deltas alone had built at its completion, and its
   * tool calls.
   */
  public record Step(
      StepStatus status,
      int attempt,
      String text,
      List<Object> items,
      String streamedText,
      List<Object> streamedItems,
      List<io.agentstream.protocol.ToolCall> toolCalls) {}

  private final RunView view = new RunView();
  private final Map<String, StepView> atCompletion = new HashMap<>();
  private int snapshots;
  private int rewinds;

  /**
   * Applies one event.
   *
   * @throws GapException when the reducer asks for a resync
   */
  public synchronized void apply(RunEvent event) {
    if (event.payload() instanceof StepCompleted && !atCompletion.containsKey(event.step())) {
      view.step(event.step()).ifPresent(s -> atCompletion.put(event.step(), s));
    }
    int attemptBefore =
        event.step() == null ? 0 : view.step(event.step()).map(StepView::attempt).orElse(0);
    RunView.Outcome outcome = view.apply(event);
    if (outcome == RunView.Outcome.RESYNC) {
      throw new GapException(view.resyncReason());
    }
    if (event.payload() instanceof Snapshot) {
      snapshots++;
    }
    if (event.payload() instanceof StepRewind && event.attempt() >= attemptBefore) {
      rewinds++;
    }
  }

  /** Every step the client knows, by id, in the run's order. */
  public synchronized Map<String, Step> steps() {
    Map<String, Step> steps = new java.util.LinkedHashMap<>();
    view.steps().forEach(s -> steps.put(s.id(), step(s.id())));
    return steps;
  }

  public synchronized RunStatus status() {
    return view.status();
  }

  public synchronized boolean isTerminal() {
    return view.isTerminal();
  }

  public synchronized Object result() {
    return view.result();
  }

  /** The run's tokens as the client's view has them: the sum of its steps'. */
  public synchronized io.agentstream.protocol.TokenUsage usage() {
    return view.usage();
  }

  /** A step's tokens as the client's view has them (none until it finished). */
  public synchronized io.agentstream.protocol.TokenUsage usage(String stepId) {
    return view.step(stepId).map(StepView::usage).orElse(io.agentstream.protocol.TokenUsage.NONE);
  }

  public synchronized io.agentstream.protocol.StopReason stopReason() {
    return view.stopReason();
  }

  public synchronized long lastSeq() {
    return view.lastEventId();
  }

  public synchronized int snapshots() {
    return snapshots;
  }

  public synchronized int rewinds() {
    return rewinds;
  }

  /** The step, or null before the client knows it. */
  public synchronized Step step(String id) {
    StepView s = view.step(id).orElse(null);
    if (s == null) {
      return null;
    }
    StepView streamed = atCompletion.get(id);
    return new Step(
        s.status(),
        s.attempt(),
        s.text(),
        s.items(),
        streamed == null ? null : streamed.text(),
        streamed == null ? null : streamed.items(),
        s.toolCalls());
  }

  /** The step's reasoning as the client sees it now (empty once the step has finished). */
  public synchronized String reasoning(String stepId) {
    return view.step(stepId).map(StepView::reasoning).orElse("");
  }

  /** The step's reasoning the deltas had built when its {@code step.completed} came; else null. */
  public synchronized String reasoningAtCompletion(String stepId) {
    StepView streamed = atCompletion.get(stepId);
    return streamed == null ? null : streamed.reasoning();
  }

  /** The step's tool calls as the client sees them; none before the client knows the step. */
  public synchronized List<io.agentstream.protocol.ToolCall> toolCalls(String stepId) {
    return view.step(stepId).map(StepView::toolCalls).orElse(List.of());
  }

  /** True for a {@code questions} event, or a snapshot of a run waiting for answers. */
  public static boolean asksQuestions(RunEvent event) {
    return event.payload() instanceof QuestionsAsked
        || (event.payload() instanceof Snapshot s && !s.snapshot().questions().isEmpty());
  }
}
