package io.agentstream.spring.worker;

import io.agentstream.step.LogContext;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;

/**
 * Puts the run (the workflow id) into the MDC of every activity's thread while it executes, local
 * activities included, so whatever an activity logs names its run ({@link LogContext#RUN_ID}). The
 * step id joins it once the activity opens its {@code StepWriter}, which knows the step; restoring
 * the thread's fields afterwards removes both.
 */
final class ActivityLogContext extends WorkerInterceptorBase {

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private String runId;

      @Override
      public void init(ActivityExecutionContext context) {
        runId = context.getInfo().getWorkflowId();
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        try (LogContext ignored = LogContext.ofRun(runId)) {
          return super.execute(input);
        }
      }
    };
  }
}
