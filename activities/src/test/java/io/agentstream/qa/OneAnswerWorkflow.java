package io.agentstream.qa;

import io.agentstream.run.StepPolicy;
import io.agentstream.run.TextResult;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/** Runs the answer step alone with production step options, so its retries can be tested. */
@WorkflowInterface
public interface OneAnswerWorkflow {

  StepPolicy POLICY =
      new StepPolicy(
          Duration.ofMinutes(1),
          Duration.ofSeconds(3),
          Duration.ofMillis(100),
          Duration.ofMillis(500),
          4);

  @WorkflowMethod
  TextResult answer(String question);

  class Impl implements OneAnswerWorkflow {
    @Override
    public TextResult answer(String question) {
      return Workflow.newActivityStub(AnswerActivities.class, POLICY.activityOptions("answer"))
          .answer(new AnswerInput("answer", question));
    }
  }
}
