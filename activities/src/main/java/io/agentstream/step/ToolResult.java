package io.agentstream.step;

/**
 * What a tool call gave back, as the stream and the checkpoint hold it.
 *
 * @param summary a short human readable summary (for example "3 places in Rome"); shown with the
 *     call on the page
 * @param data the result as JSON-friendly data (records, lists, maps); what the model is given
 */
public record ToolResult(String summary, Object data) {}
