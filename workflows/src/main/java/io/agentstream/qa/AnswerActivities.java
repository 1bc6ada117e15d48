package io.agentstream.qa;

import io.agentstream.run.TextResult;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The single step of the question-answer agent. */
@ActivityInterface
public interface AnswerActivities {
  @ActivityMethod(name = "AnswerQuestion")
  TextResult answer(AnswerInput input);
}
