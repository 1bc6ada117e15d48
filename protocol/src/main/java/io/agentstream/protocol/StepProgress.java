package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * What the step is doing now, with optional counts ({@code done} of {@code total}); not part of the
 * checkpoint, so a snapshot does not carry it.
 */
@JsonTypeName("step.progress")
public record StepProgress(
    String message,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer done,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer total)
    implements EventPayload {

  /** A message without counts. */
  public static StepProgress of(String message) {
    return new StepProgress(message, null, null);
  }

  /** A message with {@code done} of {@code total} counts. */
  public static StepProgress counted(String message, int done, int total) {
    return new StepProgress(message, done, total);
  }

  @Override
  public <R> R accept(EventVisitor<R> visitor) {
    return visitor.stepProgress(this);
  }
}
