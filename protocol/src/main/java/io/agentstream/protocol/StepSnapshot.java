package io.agentstream.protocol;

import java.util.List;

/**
 * One step in a {@link RunSnapshot}.
 *
 * @param id step id, the {@code step} field of this step's events
 * @param title human readable name
 * @param status current status
 * @param attempt current attempt (0 while pending)
 * @param text text so far; final once the step is finished
 * @param items data items so far (for example places found); final once the step is finished
 * @param error last failure, when retrying or failed
 */
public record StepSnapshot(
    String id,
    String title,
    StepStatus status,
    int attempt,
    String text,
    List<Object> items,
    String error) {

  public StepSnapshot {
    text = text == null ? "" : text;
    items = items == null ? List.of() : List.copyOf(items);
  }
}
