package io.agentstream.llm;

import io.agentstream.protocol.TokenUsage;
import java.util.function.Consumer;

/**
 * Which step the model calls made on this thread belong to: the step whose activity runs here.
 * {@code StepWriter} binds its step for as long as it is open, so every {@link ModelStream} call
 * the step's code makes on the activity's thread, directly or through a helper such as a {@code
 * PlaceSource}, reports its token usage to the step and is limited by the step's {@link MaxTokens}.
 * A call made on no step's thread counts in the meters only.
 */
public final class StepModelCalls implements AutoCloseable {

  private static final ThreadLocal<StepModelCalls> CURRENT = new ThreadLocal<>();

  private final String stepId;
  private final Consumer<TokenUsage> onUsage;
  private final StepModelCalls previous;

  private StepModelCalls(String stepId, Consumer<TokenUsage> onUsage, StepModelCalls previous) {
    this.stepId = stepId;
    this.onUsage = onUsage;
    this.previous = previous;
  }

  /**
   * Binds {@code stepId} to the calling thread until {@link #close()}.
   *
   * @param onUsage receives the usage of each model call that reported one, on this thread
   */
  public static StepModelCalls bind(String stepId, Consumer<TokenUsage> onUsage) {
    StepModelCalls calls = new StepModelCalls(stepId, onUsage, CURRENT.get());
    CURRENT.set(calls);
    return calls;
  }

  /** The step bound to this thread, or null. */
  static String currentStep() {
    StepModelCalls calls = CURRENT.get();
    return calls == null ? null : calls.stepId;
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
