package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.Arrays;
import java.util.List;

/** Event type names, read once from the payload records' {@link JsonTypeName}s. */
public final class EventTypes {

  private static final ClassValue<String> NAMES =
      new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
          JsonTypeName name = type.getAnnotation(JsonTypeName.class);
          if (name == null) {
            throw new IllegalStateException(type.getSimpleName() + " has no @JsonTypeName");
          }
          return name.value();
        }
      };

  private EventTypes() {}

  /** The wire name of a payload type, e.g. {@code step.token} for {@link StepToken}. */
  public static String nameOf(Class<?> payloadType) {
    return NAMES.get(payloadType);
  }

  /** Every event type name, in the order docs/protocol.md lists them. */
  public static List<String> all() {
    return Arrays.stream(EventPayload.class.getAnnotation(JsonSubTypes.class).value())
        .map(t -> nameOf(t.value()))
        .toList();
  }
}
