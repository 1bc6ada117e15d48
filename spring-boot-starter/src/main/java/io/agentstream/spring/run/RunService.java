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
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.SearchAttributes;
import io.temporal.common.converter.DataConverter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything the HTTP layer can do to runs, in terms of Temporal: start, message, cancel, list.
 * Temporal types stay behind this class.
 */
public class RunService {

  private static final int SUMMARY_LENGTH = 120;

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

  /** How many of the newest open and closed runs are looked through for a caller's own. */
  static final int OWNER_SCAN = 1000;

  /** A started (or, for a repeated idempotency key, an existing) run. */
  public record StartedRun(String runId, RunStatus status) {}

  /**
   * Memo of a run started with an idempotency key: the digest of its agent and input, so that a
   * later request with the same key can be told apart from a different one.
   */
  static final String REQUEST_DIGEST_MEMO = "agentstreamRequestDigest";

  /** Memo of every run: the caller who started it (also the {@code AgentstreamOwner} attribute). */
  static final String OWNER_MEMO = "owner";

  /** Agent and input in one canonical JSON form (sorted keys) for the request digest. */
  private static final JsonMapper CANONICAL =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  /**
   * Starts a run of the agent for {@code owner}, who is recorded in the run (search attribute and
   * memo). Validates before anything is started.
   *
   * <p>With an idempotency key the run id is derived from the owner, the agent and the key (another
   * owner's key names another run), and the run keeps a digest of the request in its memo. The same
   * key and request name the same run, running or closed: the start uses {@code
   * WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE} (a closed run is never started again) and {@code
   * WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING} (a running one is joined). The same key with a
   * different request is refused. A key is remembered as long as Temporal keeps the closed
   * workflow: the namespace's retention period.
   *
   * @throws IdempotencyKeyReusedException when the key's run was started for a different request
   */
  public StartedRun start(
      String owner, String agentName, Map<String, Object> input, String idempotencyKey) {
    return start(owner, agentName, input, null, idempotencyKey);
  }

  /**
   * Like {@link #start(String, String, Map, String)}, with a token budget: {@code tokenBudget}, or
   * {@code agentstream.runs.token-budget} when null. The run's workflow reads it from its memo
   * ({@link AgentWorkflow#TOKEN_BUDGET_MEMO}); a budget of 0 is none.
   */
  public StartedRun start(
      String owner,
      String agentName,
      Map<String, Object> input,
      Long tokenBudget,
      String idempotencyKey) {
    long budget = tokenBudget != null ? tokenBudget : props.runs().tokenBudget();
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
    WorkflowOptions.Builder options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(runId)
            .setTaskQueue(agent.taskQueueOr(props.taskQueue()))
            .setTypedSearchAttributes(
                SearchAttributes.newBuilder().set(RunSearchAttributes.OWNER, owner).build());
    if (props.encryption().enabled()) {
      // The UI shows these to anyone who can list workflows: no user text when history is
      // encrypted, only what the search attributes show anyway.
      options.setStaticSummary(agent.name() + ": " + runId).setStaticDetails("Run " + runId);
    } else {
      String summary = String.valueOf(input.get(agent.summaryField()));
      options
          .setStaticSummary(agent.name() + ": " + shorten(summary))
          .setStaticDetails("Input: " + shorten(input.toString()));
    }
    Map<String, Object> memo = new HashMap<>();
    memo.put(OWNER_MEMO, owner);
    if (budget > 0) {
      memo.put(AgentWorkflow.TOKEN_BUDGET_MEMO, budget);
    }
    if (idempotencyKey == null) {
      client
          .newUntypedWorkflowStub(agent.workflowType(), options.setMemo(Map.copyOf(memo)).build())
          .start(input);
      return new StartedRun(runId, RunStatus.RUNNING);
    }
    // The budget is part of the request; without one the digest is what it was before budgets.
    String requestDigest =
        digest(
            CANONICAL.writeValueAsString(
                budget > 0 ? List.of(agent.name(), input, budget) : List.of(agent.name(), input)));
    memo.put(REQUEST_DIGEST_MEMO, requestDigest);
    options
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setWorkflowIdConflictPolicy(
            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setMemo(Map.copyOf(memo));
    try {
      client.newUntypedWorkflowStub(agent.workflowType(), options.build()).start(input);
    } catch (WorkflowExecutionAlreadyStarted e) {
      // The key's run has closed: it is still the key's run, and it is not started again.
    }
    // Whoever started the run (this request, an earlier one or a concurrent one), its memo says
    // which request it was started for.
    Optional<String> startedFor = requestDigestOf(runId);
    if (startedFor.isPresent() && !startedFor.get().equals(requestDigest)) {
      throw new IdempotencyKeyReusedException(quote(idempotencyKey));
    }
    return new StartedRun(runId, snapshots.build(runId).status());
  }

  /** The request digest in the run's memo; empty for a run started without one. */
  private Optional<String> requestDigestOf(String runId) {
    Payload payload =
        snapshots
            .describe(runId)
            .getWorkflowExecutionInfo()
            .getMemo()
            .getFieldsMap()
            .get(REQUEST_DIGEST_MEMO);
    if (payload == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        client.getOptions().getDataConverter().fromPayload(payload, String.class, String.class));
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
   * Every open run of a known agent and its owner (running or waiting for answers), from Temporal's
   * open executions, which every API node shares, with the list API every Temporal server
   * implements. Owners already in {@code knownOwners} (run id to owner; an owner never changes) are
   * not looked up again, so a scan describes only runs it has not seen before.
   */
  public Map<String, String> openRuns(Map<String, String> knownOwners) {
    var stub = client.getWorkflowServiceStubs().blockingStub();
    String namespace = client.getOptions().getNamespace();
    Map<String, String> owners = new HashMap<>();
    com.google.protobuf.ByteString page = com.google.protobuf.ByteString.EMPTY;
    do {
      var response =
          stub.listOpenWorkflowExecutions(
              ListOpenWorkflowExecutionsRequest.newBuilder()
                  .setNamespace(namespace)
                  .setMaximumPageSize(1000)
                  .setNextPageToken(page)
                  .build());
      for (WorkflowExecutionInfo info : response.getExecutionsList()) {
        if (agents.knowsWorkflowType(info.getType().getName())) {
          String runId = info.getExecution().getWorkflowId();
          String owner = knownOwners.get(runId);
          owners.put(runId, owner != null ? owner : ownership.ownerOfListed(info));
        }
      }
      page = response.getNextPageToken();
    } while (!page.isEmpty());
    return owners;
  }

  /**
   * Recent runs {@code caller} may see (an admin: all), newest first. Uses the list APIs every
   * Temporal server implements (the in-memory test server has no visibility queries), so a caller's
   * runs are picked from the newest {@link #OWNER_SCAN} of each list.
   */
  public List<RunSummary> recent(int limit, Caller caller) {
    int pageSize = caller.admin() ? limit : Math.max(limit, OWNER_SCAN);
    var stub = client.getWorkflowServiceStubs().blockingStub();
    String namespace = client.getOptions().getNamespace();
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

  /** The key as a detail may quote it (it is 1 to 200 printable ASCII characters). */
  private static String quote(String idempotencyKey) {
    return "'" + shorten(idempotencyKey) + "'";
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
