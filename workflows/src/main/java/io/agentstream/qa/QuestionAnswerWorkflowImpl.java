package io.agentstream.qa;

import io.agentstream.run.AnswerReceipt;
import io.agentstream.run.Answers;
import io.agentstream.run.RunState;
import io.agentstream.run.RunTracker;
import io.agentstream.run.StepPolicy;
import io.agentstream.run.StepState;
import io.agentstream.run.TextResult;
import io.temporal.workflow.Workflow;
import java.util.List;

/** Answers the question in one streamed step. */
public class QuestionAnswerWorkflowImpl implements QuestionAnswerWorkflow {
  static final String ANSWER_STEP = "answer";

  private final RunTracker run;

  public QuestionAnswerWorkflowImpl(StepPolicy policy) {
    this.run = new RunTracker(AGENT, List.of(StepState.pending(ANSWER_STEP, "Answer the question")), policy);
  }

  @Override
  public QuestionAnswer respond(QuestionRequest request) {
    return run.run(
        () -> {
          TextResult answer =
              run.finalStep(
                  ANSWER_STEP,
                  o ->
                      Workflow.newActivityStub(AnswerActivities.class, o)
                          .answer(new AnswerInput(ANSWER_STEP, request.question())),
                  TextResult::toStepResult);
          return new QuestionAnswer(request.question(), answer.text(), answer.cutShort());
        });
  }

  @Override
  public RunState state() {
    return run.state();
  }

  @Override
  public AnswerReceipt answer(Answers answers) {
    return run.answer(answers);
  }

  @Override
  public void validateAnswer(Answers answers) {
    run.validateAnswer(answers);
  }

  @Override
  public void finishNow() {
    run.finishNow();
  }
}
