package io.agentstream.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * What an event says, one record per event type of docs/protocol.md. The envelope ({@code runId},
 * {@code seq}, {@code step}, {@code attempt}, {@code ts}) lives once, in {@link RunEvent}; on the
 * wire the payload's fields sit next to it in one flat JSON object (see {@link EventCodec}).
 *
 * <p>The type name is each record's {@link JsonTypeName}, written as the {@code type} property, so
 * the same JSON works through Temporal's own Jackson converter (the workflow hands payloads to a
 * local activity) and through {@link EventCodec}.
 *
 * <p>Adding an event type: one record here (listed in {@code permits} and {@link JsonSubTypes}),
 * one method in {@link EventVisitor} (so every reducer fails to compile until it handles it) and
 * one golden fixture under {@code protocol/src/test/resources/golden/} (a test fails without it).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(Snapshot.class),
  @JsonSubTypes.Type(RunStarted.class),
  @JsonSubTypes.Type(RunStatusChanged.class),
  @JsonSubTypes.Type(QuestionsAsked.class),
  @JsonSubTypes.Type(StepStarted.class),
  @JsonSubTypes.Type(StepToken.class),
  @JsonSubTypes.Type(StepReasoning.class),
  @JsonSubTypes.Type(StepData.class),
  @JsonSubTypes.Type(StepProgress.class),
  @JsonSubTypes.Type(ToolCallStarted.class),
  @JsonSubTypes.Type(ToolCallArguments.class),
  @JsonSubTypes.Type(ToolCallCompleted.class),
  @JsonSubTypes.Type(StepRewind.class),
  @JsonSubTypes.Type(StepRetrying.class),
  @JsonSubTypes.Type(StepCompleted.class),
  @JsonSubTypes.Type(StepFailed.class),
  @JsonSubTypes.Type(RunCompleted.class),
  @JsonSubTypes.Type(RunFailed.class),
  @JsonSubTypes.Type(RunCancelled.class)
})
public sealed interface EventPayload
    permits Snapshot,
        RunStarted,
        RunStatusChanged,
        QuestionsAsked,
        StepStarted,
        StepToken,
        StepReasoning,
        StepData,
        StepProgress,
        ToolCallStarted,
        ToolCallArguments,
        ToolCallCompleted,
        StepRewind,
        StepRetrying,
        StepCompleted,
        StepFailed,
        RunCompleted,
        RunFailed,
        RunCancelled {

  /** The event type name: the SSE {@code event:} line and the JSON {@code type} field. */
  default String type() {
    return EventTypes.nameOf(getClass());
  }

  /**
   * True for the events that end a run's stream: {@code run.completed}, {@code run.failed}, {@code
   * run.cancelled}.
   */
  @JsonIgnore
  default boolean isTerminal() {
    return this instanceof RunCompleted
        || this instanceof RunFailed
        || this instanceof RunCancelled;
  }

  /** Double dispatch, so a handler of events is a compile error until it handles every type. */
  <R> R accept(EventVisitor<R> visitor);
}
