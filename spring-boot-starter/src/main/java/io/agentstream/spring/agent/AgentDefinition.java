package io.agentstream.spring.agent;

import io.temporal.worker.Worker;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything the API and the worker need to know about one agent. Adding an agent means writing its
 * workflow and activities and declaring one of these as a bean: the runs API, {@code GET
 * /api/agents} (the page's agent picker), the worker registration and the Temporal UI summary pick
 * it up from there.
 *
 * <pre>{@code
 * @Bean
 * AgentDefinition standup(StepPolicy policy, ObjectProvider<StepWriters> writers, ObjectProvider<ModelStream> model) {
 *   return AgentDefinition.builder("standup", StandupWorkflow.TYPE)
 *       .description("Summarizes the team's updates.")
 *       .input("updates", "Your team's updates", "Dana: shipped the login page. ...")
 *       .registration(worker -> { ... })
 *       .build();
 * }
 * }</pre>
 *
 * @param name the name clients use ({@code "agent": "trip-planner"})
 * @param workflowType the Temporal workflow type to start
 * @param description one line for listings
 * @param requiredInput input fields that must be present and non-blank
 * @param summaryField the input field shown as the run's summary in the Temporal UI
 * @param inputLabel what the page calls the input it asks for ({@code "Meeting notes"})
 * @param example a realistic input the page can offer to fill in, so anyone can try the agent
 * @param taskQueue the task queue its workflows and steps run on, or null for {@code
 *     agentstream.task-queue}
 * @param registration registers the agent's workflow and activities on a worker of that queue
 */
public record AgentDefinition(
    String name,
    String workflowType,
    String description,
    List<String> requiredInput,
    String summaryField,
    String inputLabel,
    String example,
    String taskQueue,
    Consumer<Worker> registration) {

  public AgentDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(workflowType, "workflowType");
    Objects.requireNonNull(registration, "registration");
    requiredInput = requiredInput == null ? List.of() : List.copyOf(requiredInput);
  }

  /** The task queue of this agent, given the deployment's default. */
  public String taskQueueOr(String defaultQueue) {
    return taskQueue == null || taskQueue.isBlank() ? defaultQueue : taskQueue;
  }

  /** Starts a definition of the agent {@code name} whose runs start {@code workflowType}. */
  public static Builder builder(String name, String workflowType) {
    return new Builder(name, workflowType);
  }

  /**
   * Builds an {@link AgentDefinition}; only the name, the workflow type and the registration are
   * required.
   */
  public static final class Builder {
    private final String name;
    private final String workflowType;
    private String description = "";
    private List<String> requiredInput = List.of();
    private String summaryField;
    private String inputLabel;
    private String example;
    private String taskQueue;
    private Consumer<Worker> registration;

    private Builder(String name, String workflowType) {
      this.name = name;
      this.workflowType = workflowType;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /**
     * The one input field the agent needs: required, shown as the run's summary, asked for by the
     * page with {@code label} and filled in with {@code example}.
     */
    public Builder input(String field, String label, String example) {
      this.requiredInput = List.of(field);
      this.summaryField = field;
      this.inputLabel = label;
      this.example = example;
      return this;
    }

    /** Input fields that must be present and non-blank (the first is the run's summary). */
    public Builder requiredInput(List<String> fields) {
      this.requiredInput = List.copyOf(fields);
      if (summaryField == null && !fields.isEmpty()) {
        summaryField = fields.get(0);
      }
      return this;
    }

    /** Runs this agent on its own task queue instead of {@code agentstream.task-queue}. */
    public Builder taskQueue(String taskQueue) {
      this.taskQueue = taskQueue;
      return this;
    }

    /** Registers the agent's workflow implementation and activities on a worker. */
    public Builder registration(Consumer<Worker> registration) {
      this.registration = registration;
      return this;
    }

    public AgentDefinition build() {
      return new AgentDefinition(
          name,
          workflowType,
          description,
          requiredInput,
          summaryField,
          inputLabel,
          example,
          taskQueue,
          registration);
    }
  }
}
