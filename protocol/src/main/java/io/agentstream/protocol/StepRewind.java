package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/** A new attempt resumed from the last durable checkpoint: the step is now exactly this. */
@JsonTypeName("step.rewind")
public record StepRewind(String text, List<Object> items) implements EventPayload {

  public StepRewind {
    text = text == null ? "" : text;
    items = items == null ? List.of() : List.copyOf(items);
  }

  @Override
  public <R> R accept(EventVisitor<R> visitor) {
    return visitor.stepRewind(this);
  }
}
