package io.agentstream.spring.run;

import io.agentstream.protocol.RunStatus;
import io.agentstream.run.AgentWorkflow;
import io.agentstream.run.AnswerReceipt;
import io.agentstream.run.AnswerRejection;
import io.agentstream.run.Answers;
import io.agentstream.run.RunSearchAttributes;
import io.agentstream.spring.agent.AgentCatalog;
import io.agentstream.spring.agent.AgentDefinition;
import io.agentstream.spring.config.AgentstreamProperties;
import io.agentstream.spring.security.Caller;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.SearchAttributes;
import io.temporal.common.converter.DataConverter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything the HTTP layer can do to runs, in terms of Temporal: start, message, cancel, list.
 * Temporal types stay behind this class.
 */
public class RunService {

  private static final int SUMMARY_LENGTH = 120;

  /** How many of the newest open and closed runs are looked through for a caller's own. */
  static final int OWNER_SCAN = 1000;

  private final WorkflowClient client;
  private final AgentCatalog agents;
  private final SnapshotBuilder snapshots;
  private final AgentstreamProperties props;
  private final RunOwnership ownership;

  public RunService(
      WorkflowClient client,
      AgentCatalog agents,
      SnapshotBuilder snapshots,
      AgentstreamProperties props) {
    this.client = client;
    this.agents = agents;
    this.snapshots = snapshots;
    this.props = props;
    this.ownership = new RunOwnership(snapshots, client.getOptions().getDataConverter());
  }

  /** A started (or, for a repeated idempotency key, an existing) run. */
  public record StartedRun(String runId, RunStatus status) {}

  /**
   * Starts a run of the agent for {@code owner}, who is recorded in the run (search attribute and
   * memo). Validates before anything is started. The same idempotency key from the same owner for
   * the same agent always names the same run; another owner's key names another run.
   */
  public StartedRun start(
      String owner, String agentName, Map<String, Object> input, String idempotencyKey) {
    AgentDefinition agent =
        agents
            .find(agentName)
            .orElseThrow(
                () ->
                    new InvalidRunRequestException(
                        "unknown agent '"
                            + agentName
                            + "'; known agents: "
                            + agents.all().stream().map(AgentDefinition::name).sorted().toList()));
    if (input == null || input.isEmpty()) {
      throw new InvalidRunRequestException("'input' is required");
    }
    for (String field : agent.requiredInput()) {
      Object value = input.get(field);
      if (!(value instanceof String s) || s.isBlank()) {
        throw new InvalidRunRequestException(
            "input." + field + " is required and must be a non-empty string");
      }
    }
    String runId =
        idempotencyKey == null
            ? "run-" + UUID.randomUUID()
            : "run-" + digest(owner + "\n" + agent.name() + "\n" + idempotencyKey);
    String summary = String.valueOf(input.get(agent.summaryField()));
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(runId)
            .setTaskQueue(agent.taskQueueOr(props.taskQueue()))
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .setStaticSummary(agent.name() + ": " + shorten(summary))
            .setStaticDetails("Input: " + shorten(input.toString()))
            .setTypedSearchAttributes(
                SearchAttributes.newBuilder().set(RunSearchAttributes.OWNER, owner).build())
            .setMemo(Map.of("owner", owner))
            .build();
    WorkflowStub stub = client.newUntypedWorkflowStub(agent.workflowType(), options);
    try {
      stub.start(input);
    } catch (io.temporal.client.WorkflowExecutionAlreadyStarted e) {
      // Closed run with the same idempotency key: it is the same run.
    }
    return new StartedRun(
        runId, idempotencyKey == null ? RunStatus.RUNNING : snapshots.build(runId).status());
  }

  public AnswerReceipt answer(String runId, Map<String, String> answers) {
    snapshots.describe(runId);
    try {
      return client
          .newUntypedWorkflowStub(runId)
          .update(AgentWorkflow.ANSWER_UPDATE, AnswerReceipt.class, new Answers(answers));
    } catch (WorkflowUpdateException e) {
      AnswerRejection rejection = AnswerRejection.find(e).orElseThrow(() -> e);
      if (AnswerRejection.INVALID.equals(rejection.kind())) {
        throw new InvalidRunRequestException(rejection.reason());
      }
      throw new RunConflictException(rejection.reason());
    } catch (WorkflowNotFoundException e) {
      throw new RunConflictException("the run has finished; no questions are pending");
    }
  }

  public void cancel(String runId) {
    requireRunning(runId);
    client.newUntypedWorkflowStub(runId).cancel();
  }

  public void finishNow(String runId) {
    requireRunning(runId);
    client.newUntypedWorkflowStub(runId).signal(AgentWorkflow.FINISH_NOW_SIGNAL);
  }

  /**
   * Recent runs {@code caller} may see (an admin: all), newest first. Uses the list APIs every
   * Temporal server implements (the in-memory test server has no visibility queries), so a caller's
   * runs are picked from the newest {@link #OWNER_SCAN} of each list.
   */
  public List<RunSummary> recent(int limit, Caller caller) {
    var stub = client.getWorkflowServiceStubs().blockingStub();
    String namespace = client.getOptions().getNamespace();
    int pageSize = caller.admin() ? limit : Math.max(limit, OWNER_SCAN);
    List<WorkflowExecutionInfo> infos = new ArrayList<>();
    infos.addAll(
        stub.listOpenWorkflowExecutions(
                ListOpenWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(namespace)
                    .setMaximumPageSize(pageSize)
                    .build())
            .getExecutionsList());
    infos.addAll(
        stub.listClosedWorkflowExecutions(
                ListClosedWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(namespace)
                    .setMaximumPageSize(pageSize)
                    .build())
            .getExecutionsList());
    // A run that closed between the two calls is in both lists: keep its closed entry (listed
    // last).
    Map<String, WorkflowExecutionInfo> byRun = new java.util.LinkedHashMap<>();
    infos.forEach(i -> byRun.put(i.getExecution().getWorkflowId(), i));
    infos = new ArrayList<>(byRun.values());
    DataConverter converter = client.getOptions().getDataConverter();
    return infos.stream()
        .filter(i -> agents.knowsWorkflowType(i.getType().getName()))
        .sorted(
            Comparator.comparing((WorkflowExecutionInfo i) -> i.getStartTime().getSeconds())
                .reversed())
        .filter(i -> caller.admin() || caller.mayAccess(ownership.ownerOfListed(i)))
        .limit(limit)
        .map(
            i ->
                new RunSummary(
                    i.getExecution().getWorkflowId(),
                    agentOf(i.getType().getName()),
                    statusOf(i, converter),
                    Instant.ofEpochSecond(
                        i.getStartTime().getSeconds(), i.getStartTime().getNanos()),
                    i.hasCloseTime()
                        ? Instant.ofEpochSecond(
                            i.getCloseTime().getSeconds(), i.getCloseTime().getNanos())
                        : null))
        .toList();
  }

  /**
   * The workflow publishes its terminal event a moment before it closes, so a client may already
   * have seen the end while the execution still runs: the run's own state decides too.
   */
  private void requireRunning(String runId) {
    WorkflowExecutionStatus status =
        snapshots.describe(runId).getWorkflowExecutionInfo().getStatus();
    if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
        || snapshots.build(runId).isTerminal()) {
      throw new RunConflictException("the run has already finished");
    }
  }

  private String agentOf(String workflowType) {
    return agents.all().stream()
        .filter(a -> a.workflowType().equals(workflowType))
        .map(AgentDefinition::name)
        .findFirst()
        .orElse(workflowType);
  }

  /**
   * From the list API alone: the execution status and the status search attribute the run keeps.
   */
  private static RunStatus statusOf(WorkflowExecutionInfo info, DataConverter converter) {
    var field =
        info.getSearchAttributes().getIndexedFieldsMap().get(RunSearchAttributes.STATUS.getName());
    RunStatus reported = null;
    if (field != null) {
      try {
        reported = RunStatus.valueOf(converter.fromPayload(field, String.class, String.class));
      } catch (IllegalArgumentException e) {
        // A value this version does not know: go by the execution status.
      }
    }
    return RunStatuses.of(info.getStatus(), reported);
  }

  private static String shorten(String s) {
    return s.length() <= SUMMARY_LENGTH ? s : s.substring(0, SUMMARY_LENGTH - 1) + "…";
  }

  private static String digest(String s) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
