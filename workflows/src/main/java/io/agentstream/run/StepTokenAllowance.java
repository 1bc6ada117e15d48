package io.agentstream.run;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.Header;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.workflow.Functions;
import io.temporal.workflow.WorkflowThreadLocal;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Hands a step's activity the tokens its run's budget leaves it (the budget less what the run's
 * finished steps used) in a header of the activity task, so the step can stop itself once it alone
 * has used them. The budget and the other steps' usage are the workflow's state; with the header
 * the activity needs no call to the server to learn them, and a run without a budget sends none.
 *
 * <p>Install it on the worker factory ({@code WorkerFactoryOptions.setWorkerInterceptors}) of the
 * workers that run the agents' workflows and their activities; the starter does. Without it a step
 * has no limit of its own, and the workflow still enforces the budget each time a step finishes.
 *
 * <p>The workflow side is deterministic: {@link RunTracker} names the allowance in a {@link
 * WorkflowThreadLocal} while it schedules the step's activity, computed from its own state, and the
 * header is not part of what replay compares.
 */
public final class StepTokenAllowance extends WorkerInterceptorBase {

  static final String HEADER = "agentstream-step-tokens-left";

  /** The allowance of the activity being scheduled on this workflow thread, or null. */
  private static final WorkflowThreadLocal<Long> SCHEDULING =
      WorkflowThreadLocal.withInitial(() -> null);

  /** The allowance of the activity running on this thread, or null. */
  private static final ThreadLocal<Long> RUNNING = new ThreadLocal<>();

  /**
   * The tokens the run's budget left the step whose activity runs on the calling thread; empty when
   * its run has no budget (or this interceptor is not installed).
   */
  public static OptionalLong current() {
    Long tokens = RUNNING.get();
    return tokens == null ? OptionalLong.empty() : OptionalLong.of(tokens);
  }

  /** Runs {@code schedule}, whose activity gets {@code tokensLeft} in its header (null: none). */
  static <R> R whileScheduling(Long tokensLeft, Functions.Func<R> schedule) {
    Long before = SCHEDULING.get();
    SCHEDULING.set(tokensLeft);
    try {
      return schedule.apply();
    } finally {
      SCHEDULING.set(before);
    }
  }

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public void init(WorkflowOutboundCallsInterceptor outbound) {
        super.init(new AllowanceOnActivities(outbound));
      }
    };
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      @Override
      public ActivityOutput execute(ActivityInput input) {
        Payload header = input.getHeader().getValues().get(HEADER);
        if (header == null) {
          return super.execute(input);
        }
        Long before = RUNNING.get();
        RUNNING.set(
            DefaultDataConverter.STANDARD_INSTANCE.fromPayload(header, Long.class, Long.class));
        try {
          return super.execute(input);
        } finally {
          if (before == null) {
            RUNNING.remove();
          } else {
            RUNNING.set(before);
          }
        }
      }
    };
  }

  private static final class AllowanceOnActivities extends WorkflowOutboundCallsInterceptorBase {

    AllowanceOnActivities(WorkflowOutboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public <R> ActivityOutput<R> executeActivity(ActivityInput<R> input) {
      Long tokensLeft = SCHEDULING.get();
      if (tokensLeft == null) {
        return super.executeActivity(input);
      }
      Map<String, Payload> values = new HashMap<>(input.getHeader().getValues());
      values.put(
          HEADER, DefaultDataConverter.STANDARD_INSTANCE.toPayload(tokensLeft).orElseThrow());
      return super.executeActivity(
          new ActivityInput<>(
              input.getActivityName(),
              input.getResultClass(),
              input.getResultType(),
              input.getArgs(),
              input.getOptions(),
              new Header(values)));
    }
  }
}
