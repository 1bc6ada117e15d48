package io.agentstream.llm;

import io.agentstream.protocol.TokenUsage;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Which step the model calls made on this thread belong to: the step whose activity runs here.
 * {@code StepWriter} binds its step for as long as it is open, so every {@link ModelStream} call
 * the step's code makes on the activity's thread, directly or through a helper such as a {@code
 * PlaceSource}, reports its token usage to the step and is limited by the step's {@link MaxTokens}
 * and by what its run's token budget leaves it. A call made on no step's thread counts in the
 * meters only.
 */
public final class StepModelCalls implements AutoCloseable {

  private static final ThreadLocal<StepModelCalls> CURRENT = new ThreadLocal<>();

  private final String stepId;
  private final Consumer<TokenUsage> onUsage;
  private final LongSupplier tokensLeft;
  private final Runnable onReplyCut;
  private final Runnable onThinking;
  private final Consumer<String> onReasoning;
  private final StepModelCalls previous;

  private StepModelCalls(
      String stepId,
      Consumer<TokenUsage> onUsage,
      LongSupplier tokensLeft,
      Runnable onReplyCut,
      Runnable onThinking,
      Consumer<String> onReasoning,
      StepModelCalls previous) {
    this.stepId = stepId;
    this.onUsage = onUsage;
    this.tokensLeft = tokensLeft;
    this.onReplyCut = onReplyCut;
    this.onThinking = onThinking;
    this.onReasoning = onReasoning;
    this.previous = previous;
  }

  /**
   * Binds {@code stepId} to the calling thread until {@link #close()}, with no limit of its own.
   *
   * @param onUsage receives the usage of each model call that reported one, on this thread
   */
  public static StepModelCalls bind(String stepId, Consumer<TokenUsage> onUsage) {
    return bind(stepId, onUsage, () -> Long.MAX_VALUE);
  }

  /**
   * Binds {@code stepId} to the calling thread until {@link #close()}.
   *
   * @param onUsage receives the usage of each model call that reported one, on this thread
   * @param tokensLeft the tokens the step may still use (its run's token budget): a call's {@code
   *     max_tokens} is lowered to them, so no single call can go far past the budget
   */
  public static StepModelCalls bind(
      String stepId, Consumer<TokenUsage> onUsage, LongSupplier tokensLeft) {
    return bind(stepId, onUsage, tokensLeft, () -> {});
  }

  /**
   * Binds {@code stepId} to the calling thread until {@link #close()}.
   *
   * @param onUsage receives the usage of each model call that reported one, on this thread
   * @param tokensLeft the tokens the step may still use (its run's token budget)
   * @param onReplyCut told when the step's {@code max_tokens} cut a text reply off, so the step can
   *     say its output is cut short
   */
  public static StepModelCalls bind(
      String stepId, Consumer<TokenUsage> onUsage, LongSupplier tokensLeft, Runnable onReplyCut) {
    return bind(stepId, onUsage, tokensLeft, onReplyCut, () -> {});
  }

  /**
   * Binds {@code stepId} to the calling thread until {@link #close()}.
   *
   * @param onUsage receives the usage of each model call that reported one, on this thread
   * @param tokensLeft the tokens the step may still use (its run's token budget)
   * @param onReplyCut told when the step's {@code max_tokens} cut a text reply off
   * @param onThinking told, on the model client's thread, when a reply opens with a reasoning block
   *     ({@code <think>}), which is not streamed: the step can say the model is thinking
   */
  public static StepModelCalls bind(
      String stepId,
      Consumer<TokenUsage> onUsage,
      LongSupplier tokensLeft,
      Runnable onReplyCut,
      Runnable onThinking) {
    return bind(stepId, onUsage, tokensLeft, onReplyCut, onThinking, reasoning -> {});
  }

  /**
   * Binds {@code stepId} to the calling thread until {@link #close()}.
   *
   * @param onUsage receives the usage of each model call that reported one, on this thread
   * @param tokensLeft the tokens the step may still use (its run's token budget)
   * @param onReplyCut told when the step's {@code max_tokens} cut a text reply off
   * @param onThinking told, on the model client's thread, once per reply that reasons first (a
   *     {@code <think>} block, or reasoning in a field of its own), before its reasoning
   * @param onReasoning receives the reasoning's text, piece by piece as it arrives, on the model
   *     client's thread: never part of the reply's text, so the step can stream it on its own
   */
  public static StepModelCalls bind(
      String stepId,
      Consumer<TokenUsage> onUsage,
      LongSupplier tokensLeft,
      Runnable onReplyCut,
      Runnable onThinking,
      Consumer<String> onReasoning) {
    StepModelCalls calls =
        new StepModelCalls(
            stepId, onUsage, tokensLeft, onReplyCut, onThinking, onReasoning, CURRENT.get());
    CURRENT.set(calls);
    return calls;
  }

  /**
   * The {@code max_tokens} of a call made on this thread: the step's own limit, lowered to the
   * tokens its budget leaves it (at least 1: a step with none left has stopped already).
   */
  static Integer maxTokens(MaxTokens limits) {
    StepModelCalls calls = CURRENT.get();
    Integer limit = limits.forStep(calls == null ? null : calls.stepId);
    if (calls == null) {
      return limit;
    }
    long left = Math.max(1, calls.tokensLeft.getAsLong());
    if (left >= Integer.MAX_VALUE) {
      return limit;
    }
    return limit == null ? (int) left : (int) Math.min(limit, left);
  }

  /**
   * True when the {@code max_tokens} a call was sent with is what the run's token budget left its
   * step, not the step's own limit: a reply cut there is the budget's doing, and the step stops.
   */
  static boolean budgetSet(MaxTokens limits, Integer sent) {
    StepModelCalls calls = CURRENT.get();
    return calls != null && sent != null && !sent.equals(limits.forStep(calls.stepId));
  }

  /** The step bound to this thread, for messages; {@code "(none)"} outside any step. */
  static String currentStep() {
    StepModelCalls calls = CURRENT.get();
    return calls == null ? "(none)" : calls.stepId;
  }

  /** Tells the step bound to this thread that its {@code max_tokens} cut a text reply off. */
  static void replyCut() {
    StepModelCalls calls = CURRENT.get();
    if (calls != null) {
      calls.onReplyCut.run();
    }
  }

  /**
   * What to tell when a call made on this thread turns out to be thinking first; read on the
   * calling thread, run on the client's.
   */
  static Runnable thinkingNotice() {
    StepModelCalls calls = CURRENT.get();
    return calls == null ? () -> {} : calls.onThinking;
  }

  /**
   * Where the reasoning of a call made on this thread goes, piece by piece; read on the calling
   * thread, run on the client's.
   */
  static Consumer<String> reasoningSink() {
    StepModelCalls calls = CURRENT.get();
    return calls == null ? reasoning -> {} : calls.onReasoning;
  }

  /** Hands a finished call's usage to the step bound to this thread, if any. */
  static void report(TokenUsage usage) {
    StepModelCalls calls = CURRENT.get();
    if (calls != null && usage != null && !usage.isNone()) {
      calls.onUsage.accept(usage);
    }
  }

  @Override
  public void close() {
    if (CURRENT.get() == this) {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }
}
