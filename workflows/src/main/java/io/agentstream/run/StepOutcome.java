package io.agentstream.run;

import io.agentstream.protocol.StepStatus;
import java.util.Optional;
import java.util.function.Function;

/**
 * How a step ended, as its agent sees it: completed with its activity's typed value, cut short by
 * finish-now (with the partial value the activity handed back, or none when it was stopped before
 * it could return), or skipped because finish-now came before it started.
 *
 * @param <R> the activity's result type
 */
public final class StepOutcome<R> {

  private final StepStatus status;
  private final R value;

  private StepOutcome(StepStatus status, R value) {
    this.status = status;
    this.value = value;
  }

  static <R> StepOutcome<R> of(StepStatus status, R value) {
    return new StepOutcome<>(status, value);
  }

  static <R> StepOutcome<R> skipped() {
    return new StepOutcome<>(StepStatus.SKIPPED, null);
  }

  /** {@code COMPLETED}, {@code CUT_SHORT} or {@code SKIPPED}. */
  public StepStatus status() {
    return status;
  }

  public boolean isSkipped() {
    return status == StepStatus.SKIPPED;
  }

  public boolean isCutShort() {
    return status == StepStatus.CUT_SHORT;
  }

  /** The activity's value; empty when the step was skipped or stopped before it returned. */
  public Optional<R> value() {
    return Optional.ofNullable(value);
  }

  /** The value, or {@code fallback} when there is none. */
  public R orElse(R fallback) {
    return value != null ? value : fallback;
  }

  /** Something derived from the value, or {@code fallback} when there is none. */
  public <T> T map(Function<? super R, ? extends T> mapper, T fallback) {
    return value != null ? mapper.apply(value) : fallback;
  }
}
