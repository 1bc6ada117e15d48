package io.agentstream.api.run;

import java.util.List;
import java.util.Map;

/**
 * One step in a snapshot.
 *
 * @param id step id
 * @param title human readable name
 * @param status PENDING, RUNNING, RETRYING, COMPLETED, CUT_SHORT, SKIPPED, FAILED or CANCELLED
 * @param attempt current attempt
 * @param text text so far
 * @param items data items so far
 * @param progress latest progress ({@code message}, {@code done}, {@code total}) when known
 * @param error last failure, when retrying or failed
 */
public record StepView(
    String id,
    String title,
    String status,
    int attempt,
    String text,
    List<Object> items,
    Map<String, Object> progress,
    String error) {}
