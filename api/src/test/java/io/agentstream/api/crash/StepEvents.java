package io.agentstream.api.crash;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The events one client received for one step, as the raw JSON it got, in arrival order: what the
 * checks of a step resumed after a kill read. Events are told apart by their {@code attempt}, not
 * by when they arrived, since events sent just before a kill may still arrive just after it.
 */
final class StepEvents {

  private final List<Map<String, Object>> events;

  private StepEvents(List<Map<String, Object>> events) {
    this.events = events;
  }

  static StepEvents of(ReconnectingRunClient client, String step) {
    return new StepEvents(
        client.arrivals.stream()
            .map(ReconnectingRunClient.Arrival::event)
            .filter(e -> step.equals(e.get("step")))
            .toList());
  }

  static int attempt(Map<String, Object> event) {
    return ((Number) event.get("attempt")).intValue();
  }

  /** Events of {@code type} from attempts up to and including {@code attempt}. */
  List<Map<String, Object>> upTo(int attempt, String type) {
    return events.stream()
        .filter(e -> type.equals(e.get("type")) && attempt(e) <= attempt)
        .toList();
  }

  /** Events of {@code type} from attempts after {@code attempt}. */
  List<Map<String, Object>> after(int attempt, String type) {
    return events.stream().filter(e -> type.equals(e.get("type")) && attempt(e) > attempt).toList();
  }

  /** The first {@code step.rewind} of an attempt after {@code attempt}. */
  Optional<Map<String, Object>> firstRewindAfter(int attempt) {
    return after(attempt, "step.rewind").stream().findFirst();
  }

  /** The first event of {@code type} that arrived after {@code rewind}, of the rewind's attempt. */
  Optional<Map<String, Object>> firstAfter(Map<String, Object> rewind, String type) {
    int from = events.indexOf(rewind);
    return events.subList(from + 1, events.size()).stream()
        .filter(e -> type.equals(e.get("type")) && attempt(e) == attempt(rewind))
        .findFirst();
  }
}
