package io.agentstream.qa;

import io.agentstream.llm.ModelStream;
import io.agentstream.llm.Prompt;
import io.agentstream.run.TextResult;
import io.agentstream.step.StepWriter;
import io.agentstream.step.StepWriters;

/**
 * Answers a question, streaming. Checkpoints the text after every token (heartbeated about once a
 * second); a retry asks the model to continue from the checkpointed text.
 */
public class AnswerActivitiesImpl implements AnswerActivities {

  private final StepWriters writers;
  private final ModelStream model;

  public AnswerActivitiesImpl(StepWriters writers, ModelStream model) {
    this.writers = writers;
    this.model = model;
  }

  @Override
  public TextResult answer(AnswerInput input) {
    try (StepWriter writer = writers.openTextStep(input.stepId())) {
      Prompt prompt =
          new Prompt(
              "answer", "Answer the question clearly in a short paragraph.", input.question());
      return new TextResult(
          writer.writeModelText(model, prompt), writer.cutShort(), writer.usage());
    }
  }
}
