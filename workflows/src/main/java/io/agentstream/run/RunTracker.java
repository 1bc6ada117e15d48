package io.agentstream.run;

import io.agentstream.protocol.EventDraft;
import io.agentstream.protocol.EventPayload;
import io.agentstream.protocol.Question;
import io.agentstream.protocol.QuestionsAsked;
import io.agentstream.protocol.RunCancelled;
import io.agentstream.protocol.RunCompleted;
import io.agentstream.protocol.RunFailed;
import io.agentstream.protocol.RunStarted;
import io.agentstream.protocol.RunStatus;
import io.agentstream.protocol.RunStatusChanged;
import io.agentstream.protocol.StepCompleted;
import io.agentstream.protocol.StepFailed;
import io.agentstream.protocol.StepStarted;
import io.agentstream.protocol.StepStatus;
import io.agentstream.protocol.StopReason;
import io.agentstream.protocol.TokenUsage;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * The workflow-side run machinery every agent composes: it keeps the step-level {@link RunState}
 * behind the query handler, publishes each transition to the live channel through a local activity,
 * keeps the Temporal UI informed (current details, search attributes) and implements clarifying
 * questions, finish-now and cancellation once for all agents.
 *
 * <p>It also keeps each step's token usage (from the step's result: every attempt's model calls)
 * and enforces the run's optional token budget ({@link AgentWorkflow#TOKEN_BUDGET_MEMO}): once the
 * steps finished so far have used it, the steps still running are cut short exactly as finish-now
 * cuts them, every remaining step is skipped, the final one included, and the run completes with
 * what it has and {@link StopReason#TOKEN_BUDGET}. (A step's writer also stops the step by itself
 * once it alone has used what the budget left it, told by {@link StepTokenAllowance}; the workflow
 * then sees a cut-short step.) The budget comes from the start event's memo, so replay sees the
 * same one, and only runs that have one issue the extra cancellations.
 *
 * <p>Workflow code only: deterministic, no I/O. State is always changed before the transition is
 * published, so any published sequence at or below {@link RunState#lastPublishedSeq()} is reflected
 * in the queried state.
 */
public final class RunTracker {

  private static final Logger log = Workflow.getLogger(RunTracker.class);

  /**
   * The {@link Workflow#getVersion} change id of the run's first event, {@code run.started}: the
   * initial state, so a subscriber that replays the live channel from the start needs no query.
   */
  static final String RUN_STARTED_CHANGE = "run-started-event";

  private final String runId;
  private final String agent;
  private final StepPolicy policy;
  private final RunEventsActivity events;
  private final Map<String, StepState> steps = new LinkedHashMap<>();
  private final List<CancellationScope> runningScopes = new ArrayList<>();

  private RunStatus status = RunStatus.RUNNING;
  private String currentStep;
  private List<Question> questions = List.of();
  private boolean questionsAnswered;
  private Map<String, String> answers = Map.of();
  private Object result;
  private String error;
  private long lastPublishedSeq;
  private boolean finishNowRequested;
  private final Long tokenBudget;
  private StopReason stopReason;

  /**
   * @param agent agent name, as clients know it
   * @param plannedSteps every step the agent may run, in order, so clients see what is coming
   * @param policy timeouts and retries for the steps
   */
  public RunTracker(String agent, List<StepState> plannedSteps, StepPolicy policy) {
    this.runId = Workflow.getInfo().getWorkflowId();
    this.agent = agent;
    this.policy = policy;
    plannedSteps.forEach(s -> steps.put(s.id(), s));
    // From the start event: the same on every replay. Runs started without one have no limit.
    Long budget = Workflow.getMemo(AgentWorkflow.TOKEN_BUDGET_MEMO, Long.class, Long.class);
    this.tokenBudget = budget == null || budget <= 0 ? null : budget;
    this.events =
        Workflow.newLocalActivityStub(
            RunEventsActivity.class,
            LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(5))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
                .build());
  }

  // ---- messages -------------------------------------------------------------------------------

  public RunState state() {
    return new RunState(
        agent,
        status,
        currentStep,
        List.copyOf(steps.values()),
        status == RunStatus.WAITING_FOR_INPUT ? questions : List.of(),
        answers,
        result,
        error,
        lastPublishedSeq,
        tokenBudget,
        stopReason);
  }

  public void validateAnswer(Answers given) {
    if (questions.isEmpty()) {
      throw AnswerRejection.conflict("no questions are pending");
    }
    if (questionsAnswered || status != RunStatus.WAITING_FOR_INPUT) {
      throw AnswerRejection.conflict("the questions were already answered");
    }
    if (given == null || given.answers().isEmpty()) {
      throw AnswerRejection.invalid("no answers given");
    }
    for (Map.Entry<String, String> e : given.answers().entrySet()) {
      if (questions.stream().noneMatch(q -> q.id().equals(e.getKey()))) {
        throw AnswerRejection.invalid("unknown question id: " + e.getKey());
      }
      if (e.getValue() == null || e.getValue().isBlank()) {
        throw AnswerRejection.invalid("answer to '" + e.getKey() + "' is empty");
      }
    }
  }

  public AnswerReceipt answer(Answers given) {
    Map<String, String> merged = new LinkedHashMap<>();
    for (Question q : questions) {
      merged.put(q.id(), given.answers().getOrDefault(q.id(), q.defaultAnswer()));
    }
    answers = Map.copyOf(merged);
    questionsAnswered = true;
    return new AnswerReceipt(answers);
  }

  public void finishNow() {
    if (finishNowRequested || status.isTerminal()) {
      return;
    }
    finishNowRequested = true;
    if (stopReason == null) {
      stopReason = StopReason.FINISH_NOW;
    }
    log.info("finish-now requested; stopping {} running step(s)", runningScopes.size());
    List.copyOf(runningScopes).forEach(s -> s.cancel("finish-now"));
  }

  public boolean finishNowRequested() {
    return finishNowRequested;
  }

  /** The tokens the run's finished steps used, every attempt included. */
  public TokenUsage usage() {
    return steps.values().stream().map(StepState::usage).reduce(TokenUsage.NONE, TokenUsage::plus);
  }

  /** Why the run stopped early (finish-now, the token budget), or null when nothing stopped it. */
  public StopReason stopReason() {
    return stopReason;
  }

  private boolean budgetUsedUp() {
    return tokenBudget != null && usage().totalTokens() >= tokenBudget;
  }

  /**
   * After a step finished: when the run has used its budget, the running steps are cut short as by
   * finish-now and the rest will be skipped. Nothing is said when nothing was stopped: no step is
   * left, and the one that finished was not cut short (a step stops itself once it alone has used
   * what the budget left it).
   */
  private void enforceBudget(boolean finishedCutShort) {
    if (!budgetUsedUp() || status.isTerminal()) {
      return;
    }
    boolean anythingLeft =
        steps.values().stream()
            .anyMatch(s -> s.status() == StepStatus.PENDING || s.status().isInFlight());
    if (!anythingLeft && !(finishedCutShort && !finishNowRequested)) {
      return;
    }
    if (stopReason == null) {
      stopReason = StopReason.TOKEN_BUDGET;
    }
    log.info(
        "token budget {} used up ({} tokens); stopping {} running step(s)",
        tokenBudget,
        usage().totalTokens(),
        runningScopes.size());
    List.copyOf(runningScopes).forEach(s -> s.cancel("token budget used up"));
  }

  // ---- run life cycle -------------------------------------------------------------------------

  /**
   * Runs the agent body and records how the run ended: completed with the body's result, failed, or
   * cancelled (Temporal workflow cancellation).
   */
  public <R> R run(Functions.Func<R> body) {
    Workflow.upsertTypedSearchAttributes(
        RunSearchAttributes.AGENT.valueSet(agent),
        RunSearchAttributes.STATUS.valueSet(status.name()),
        RunSearchAttributes.STEP.valueSet("starting"));
    Workflow.setCurrentDetails("Starting " + agent);
    // Added after runs were in production: runs started before it never publish run.started.
    if (Workflow.getVersion(RUN_STARTED_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1) {
      publish(null, new RunStarted(state().toSnapshot(runId, 0)));
    }
    try {
      R value = body.apply();
      if (CancellationScope.current().isCancelRequested()) {
        throw new CanceledFailure("run cancelled");
      }
      result = value;
      finishRun(RunStatus.COMPLETED, new RunCompleted(value, stopReason));
      return value;
    } catch (CanceledFailure e) {
      Workflow.newDetachedCancellationScope(
              () -> finishRun(RunStatus.CANCELLED, new RunCancelled()))
          .run();
      throw e;
    } catch (TemporalFailure e) {
      error = describe(e);
      finishRun(RunStatus.FAILED, new RunFailed(error));
      throw ApplicationFailure.newNonRetryableFailureWithCause(error, "RunFailed", e);
    }
  }

  private void finishRun(RunStatus terminal, EventPayload event) {
    for (StepState s : steps.values()) {
      if (s.status().isInFlight()) {
        steps.put(
            s.id(),
            s.withStatus(
                terminal == RunStatus.CANCELLED ? StepStatus.CANCELLED : StepStatus.FAILED));
      }
    }
    status = terminal;
    currentStep = null;
    Workflow.upsertTypedSearchAttributes(
        RunSearchAttributes.STATUS.valueSet(terminal.name()),
        RunSearchAttributes.STEP.valueSet("done"));
    Workflow.setCurrentDetails(
        "**"
            + terminal
            + "**"
            + (stopReason == null ? "" : " (stopped early: " + stopReason + ")")
            + (error == null ? "" : "\n\n" + error)
            + "\n\n"
            + stepTable());
    publish(null, event);
  }

  // ---- clarifying questions -------------------------------------------------------------------

  /**
   * Asks the questions and waits, durably, for answers. Falls back to each question's default
   * answer after {@code timeout} or when finish-now is requested. A run that has used its token
   * budget does not ask: it goes on with the defaults at once.
   *
   * @return the answers in effect, by question id
   */
  public Map<String, String> ask(List<Question> asked, Duration timeout) {
    if (asked.isEmpty()) {
      return answers;
    }
    questions = List.copyOf(asked);
    if (budgetUsedUp()) {
      log.info("token budget used up: not asking, using the default answers");
      answer(new Answers(Map.of()));
      return answers;
    }
    setStatus(
        RunStatus.WAITING_FOR_INPUT, "Waiting for answers to " + asked.size() + " question(s)");
    publish(null, new QuestionsAsked(questions, timeout.toSeconds()));
    boolean answered = Workflow.await(timeout, () -> questionsAnswered || finishNowRequested);
    if (!questionsAnswered) {
      log.info(
          answered
              ? "finish-now while waiting: using default answers"
              : "no answers in time: using defaults");
      answer(new Answers(Map.of()));
    }
    setStatus(RunStatus.RUNNING, "Answers: " + answers);
    return answers;
  }

  private void setStatus(RunStatus newStatus, String details) {
    status = newStatus;
    Workflow.upsertTypedSearchAttributes(RunSearchAttributes.STATUS.valueSet(newStatus.name()));
    Workflow.setCurrentDetails("**" + newStatus + "**: " + details + "\n\n" + stepTable());
    publish(null, new RunStatusChanged(newStatus));
  }

  // ---- steps ----------------------------------------------------------------------------------

  /** Starts a step in its own workflow thread, for steps that run in parallel. */
  public <R> Promise<StepOutcome<R>> stepAsync(
      String stepId, Functions.Func1<ActivityOptions, R> call, Function<R, StepResult> view) {
    return Async.function(() -> step(stepId, call, view));
  }

  /**
   * Runs one step: marks it started, calls its activity with options naming the step, and records
   * its output. A step that finish-now reaches before it starts is skipped unless it is the agent's
   * final step, which always runs.
   *
   * @param call invokes the activity with the given options (build the stub from them)
   * @param view turns the activity's typed result into the generic step output
   * @return how the step ended, with the activity's value when it returned one
   */
  public <R> StepOutcome<R> step(
      String stepId, Functions.Func1<ActivityOptions, R> call, Function<R, StepResult> view) {
    return step(stepId, false, call, view);
  }

  /** Like {@link #step} for the agent's final step, which runs even after finish-now. */
  public <R> StepOutcome<R> finalStep(
      String stepId, Functions.Func1<ActivityOptions, R> call, Function<R, StepResult> view) {
    return step(stepId, true, call, view);
  }

  private <R> StepOutcome<R> step(
      String stepId,
      boolean isFinal,
      Functions.Func1<ActivityOptions, R> call,
      Function<R, StepResult> view) {
    StepState planned = steps.get(stepId);
    if (planned == null) {
      throw new IllegalArgumentException("step not planned: " + stepId);
    }
    throwIfCancelled();
    if ((finishNowRequested && !isFinal) || budgetUsedUp()) {
      return skipped(planned);
    }
    steps.put(stepId, planned.started());
    currentStep = stepId;
    Workflow.upsertTypedSearchAttributes(RunSearchAttributes.STEP.valueSet(stepId));
    Workflow.setCurrentDetails("**RUNNING** " + planned.title() + "\n\n" + stepTable());
    long startedSeq = publish(stepId, new StepStarted(planned.title()));
    steps.put(stepId, steps.get(stepId).withStartedSeq(startedSeq));

    ActivityOptions options = policy.activityOptions(planned.title());
    List<R> holder = new ArrayList<>(1);
    // What the budget leaves this step: the step stops itself once it alone has used it.
    Long tokensLeft = tokenBudget == null ? null : Math.max(0, tokenBudget - usage().totalTokens());
    CancellationScope scope =
        Workflow.newCancellationScope(
            () ->
                holder.add(
                    StepTokenAllowance.whileScheduling(tokensLeft, () -> call.apply(options))));
    runningScopes.add(scope);
    StepResult output;
    R value;
    try {
      scope.run();
      value = holder.get(0);
      output = view.apply(value);
    } catch (ActivityFailure e) {
      if (!(e.getCause() instanceof CanceledFailure)) {
        String message = describe(e);
        TokenUsage used = usageOf(e);
        steps.put(stepId, steps.get(stepId).withError(StepStatus.FAILED, message, used));
        publish(stepId, new StepFailed(message, used));
        throw e;
      }
      // Cancelled before the activity could hand back anything: keep the step, cut short and empty.
      value = null;
      output = StepResult.empty(true);
    } finally {
      runningScopes.remove(scope);
    }
    throwIfCancelled();
    StepStatus done = output.cutShort() ? StepStatus.CUT_SHORT : StepStatus.COMPLETED;
    steps.put(
        stepId,
        steps
            .get(stepId)
            .withOutput(done, output.text(), output.items(), output.toolCalls(), output.usage()));
    if (stepId.equals(currentStep)) {
      currentStep = null;
    }
    publish(
        stepId,
        new StepCompleted(
            done,
            output.text(),
            List.<Object>copyOf(output.items()),
            output.toolCalls(),
            output.usage()));
    enforceBudget(done == StepStatus.CUT_SHORT);
    return StepOutcome.of(done, value);
  }

  /**
   * Skips a planned step that has not started, for an agent whose plan turns out to need fewer
   * steps than it planned (a research plan with fewer sub-questions than slots, say): clients see
   * it {@code SKIPPED}, as after finish-now.
   */
  public <R> StepOutcome<R> skip(String stepId) {
    StepState planned = steps.get(stepId);
    if (planned == null) {
      throw new IllegalArgumentException("step not planned: " + stepId);
    }
    if (planned.status() != StepStatus.PENDING) {
      throw new IllegalStateException("step " + stepId + " is " + planned.status());
    }
    return skipped(planned);
  }

  private <R> StepOutcome<R> skipped(StepState planned) {
    steps.put(planned.id(), planned.withStatus(StepStatus.SKIPPED));
    publish(planned.id(), new StepCompleted(StepStatus.SKIPPED, "", List.of()));
    return StepOutcome.skipped();
  }

  /** Ids of the steps that finish-now cut short or skipped, for the agent's final result. */
  public List<String> stepsWith(StepStatus wanted) {
    return steps.values().stream().filter(s -> s.status() == wanted).map(StepState::id).toList();
  }

  /** Whole-run cancellation (not finish-now) ends the run instead of moving on to the next step. */
  private static void throwIfCancelled() {
    if (CancellationScope.current().isCancelRequested()) {
      throw new CanceledFailure("run cancelled");
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  private long publish(String stepId, EventPayload payload) {
    long seq = events.publish(new EventDraft(runId, stepId, 0, payload));
    lastPublishedSeq = Math.max(lastPublishedSeq, seq);
    return seq;
  }

  /** The steps and the run's token usage, for the Temporal UI's current details. */
  private String stepTable() {
    StringBuilder table = new StringBuilder("| step | status | tokens in | tokens out |\n");
    table.append("|---|---|---|---|\n");
    steps
        .values()
        .forEach(
            s ->
                table
                    .append("| ")
                    .append(s.title())
                    .append(" | ")
                    .append(s.status())
                    .append(" | ")
                    .append(s.usage().inputTokens())
                    .append(" | ")
                    .append(s.usage().outputTokens())
                    .append(" |\n"));
    TokenUsage total = usage();
    table
        .append("\n**Tokens**: ")
        .append(total.inputTokens())
        .append(" in, ")
        .append(total.outputTokens())
        .append(" out")
        .append(tokenBudget == null ? "" : " (budget " + tokenBudget + ")")
        .append('\n');
    return table.toString();
  }

  /**
   * The tokens a failed step used, all attempts. A last attempt that failed carries them in its
   * failure's details (StepWriter#failed); one that timed out (its worker died or hung) left them
   * in its last heartbeat, the step's checkpoint, as far as that got. None for a failure with
   * neither (an older worker, a step that never heartbeat).
   */
  private static TokenUsage usageOf(ActivityFailure e) {
    try {
      if (e.getCause() instanceof ApplicationFailure af && af.getDetails().getSize() > 0) {
        return TokenUsage.orNone(af.getDetails().get(0, TokenUsage.class));
      }
      if (e.getCause() instanceof TimeoutFailure timeout
          && timeout.getLastHeartbeatDetails().getSize() > 0) {
        StepCheckpoint last = timeout.getLastHeartbeatDetails().get(0, StepCheckpoint.class);
        return last == null ? TokenUsage.NONE : last.usage();
      }
    } catch (RuntimeException notUsage) {
      log.debug("a failed step's details hold no token usage: {}", notUsage.toString());
    }
    return TokenUsage.NONE;
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String message =
        root instanceof ApplicationFailure af ? af.getOriginalMessage() : root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }
}
