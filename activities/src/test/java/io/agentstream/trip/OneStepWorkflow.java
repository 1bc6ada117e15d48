package io.agentstream.trip;

import io.agentstream.run.StepPolicy;
import io.agentstream.run.TextResult;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/**
 * Runs exactly one trip step with production step options, so activity behaviour can be tested
 * alone.
 */
@WorkflowInterface
public interface OneStepWorkflow {

  StepPolicy POLICY =
      new StepPolicy(
          Duration.ofMinutes(1),
          Duration.ofSeconds(3),
          Duration.ofMillis(100),
          Duration.ofMillis(500),
          4);

  @WorkflowMethod
  Object run(String step, WriteInput write, ResearchInput research);

  class Impl implements OneStepWorkflow {
    @Override
    public Object run(String step, WriteInput write, ResearchInput research) {
      TripActivities activities =
          Workflow.newActivityStub(TripActivities.class, POLICY.activityOptions(step));
      return switch (step) {
        case "plan" -> activities.planItinerary(write);
        case "research" -> activities.research(research);
        default -> throw new IllegalArgumentException(step);
      };
    }
  }

  static TextResult text(Object result) {
    return (TextResult) result;
  }
}
