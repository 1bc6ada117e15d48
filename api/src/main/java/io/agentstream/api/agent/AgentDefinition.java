package io.agentstream.api.agent;

import io.temporal.worker.Worker;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything the API and the worker need to know about one agent. Adding an agent means writing its
 * workflow and activities and declaring one of these as a bean; the API and the stream code do not
 * change.
 *
 * @param name the name clients use ({@code "agent": "trip-planner"})
 * @param workflowType the Temporal workflow type to start
 * @param description one line for listings
 * @param requiredInput input fields that must be present and non-blank
 * @param summaryField the input field shown as the run's summary in the Temporal UI
 * @param inputLabel what the page calls the input it asks for ({@code "Meeting notes"})
 * @param example a realistic input the page can offer to fill in, so anyone can try the agent
 * @param registration registers the agent's workflow and activities on a worker
 */
public record AgentDefinition(
    String name,
    String workflowType,
    String description,
    List<String> requiredInput,
    String summaryField,
    String inputLabel,
    String example,
    Consumer<Worker> registration) {}
