package io.agentstream.protocol;

/**
 * One method per event type. Java 17 has no exhaustive switch over a sealed type, so code that must
 * handle every event (the reducer, the SSE writer) implements this and fails to compile when a type
 * is added.
 */
public interface EventVisitor<R> {
  R snapshot(Snapshot event);

  R runStarted(RunStarted event);

  R runStatus(RunStatusChanged event);

  R questions(QuestionsAsked event);

  R stepStarted(StepStarted event);

  R stepToken(StepToken event);

  R stepReasoning(StepReasoning event);

  R stepData(StepData event);

  R stepProgress(StepProgress event);

  R toolCallStarted(ToolCallStarted event);

  R toolCallArguments(ToolCallArguments event);

  R toolCallCompleted(ToolCallCompleted event);

  R stepRewind(StepRewind event);

  R stepRetrying(StepRetrying event);

  R stepCompleted(StepCompleted event);

  R stepFailed(StepFailed event);

  R runCompleted(RunCompleted event);

  R runFailed(RunFailed event);

  R runCancelled(RunCancelled event);
}
