package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * The step's final output ({@code COMPLETED}, {@code CUT_SHORT} or {@code SKIPPED}); authoritative.
 */
@JsonTypeName("step.completed")
public record StepCompleted(StepStatus status, String text, List<Object> items)
    implements EventPayload {

  public StepCompleted {
    text = text == null ? "" : text;
    items = items == null ? List.of() : List.copyOf(items);
  }

  @Override
  public <R> R accept(EventVisitor<R> visitor) {
    return visitor.stepCompleted(this);
  }
}
