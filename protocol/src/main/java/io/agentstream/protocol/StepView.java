package io.agentstream.protocol;

import java.util.List;

/**
 * One step as a client's {@link RunView} sees it.
 *
 * @param id step id
 * @param title human readable name
 * @param status current status
 * @param attempt the attempt whose output this is
 * @param text text so far
 * @param reasoning what the model wrote while it thought, in the running attempt's calls; empty
 *     once the step is finished
 * @param items data items so far
 * @param error last failure, when retrying or failed
 * @param progress the latest progress of the current attempt, or null
 * @param toolCalls the step's tool calls so far
 * @param usage the tokens the step used, known once it is finished (none before)
 */
public record StepView(
    String id,
    String title,
    StepStatus status,
    int attempt,
    String text,
    String reasoning,
    List<Object> items,
    String error,
    StepProgress progress,
    List<ToolCall> toolCalls,
    TokenUsage usage) {}
