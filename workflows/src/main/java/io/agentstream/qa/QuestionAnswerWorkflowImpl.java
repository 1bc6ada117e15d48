package io.agentstream.qa;

import io.agentstream.run.StepOutcome;
import io.agentstream.run.StepPolicy;
import io.agentstream.run.StepState;
import io.agentstream.run.TextResult;
import io.agentstream.run.TrackedAgentWorkflow;
import io.temporal.workflow.Workflow;
import java.util.List;

/** Answers the question in one streamed step. */
public class QuestionAnswerWorkflowImpl extends TrackedAgentWorkflow
    implements QuestionAnswerWorkflow {
  static final String ANSWER_STEP = "answer";

  public QuestionAnswerWorkflowImpl(StepPolicy policy) {
    super(AGENT, List.of(StepState.pending(ANSWER_STEP, "Answer the question")), policy);
  }

  @Override
  public QuestionAnswer respond(QuestionRequest request) {
    return run.run(
        () -> {
          StepOutcome<TextResult> answer =
              run.finalStep(
                  ANSWER_STEP,
                  o ->
                      Workflow.newActivityStub(AnswerActivities.class, o)
                          .answer(new AnswerInput(ANSWER_STEP, request.question())),
                  TextResult::toStepResult);
          // Cancelled before the activity returned: nothing was written that clients did not see.
          TextResult written = answer.orElse(new TextResult("", true));
          return new QuestionAnswer(
              request.question(),
              written.text(),
              written.cutShort(),
              run.usage(),
              run.stopReason());
        });
  }
}
