package com.example.standup;

import io.agentstream.llm.ModelStream;
import io.agentstream.llm.Prompt;
import io.agentstream.run.TextResult;
import io.agentstream.step.StepWriter;
import io.agentstream.step.StepWriters;

/**
 * Writes the summary as a text step: every token is streamed and checkpointed, so a retry asks
 * the model to continue the checkpointed text instead of starting over.
 */
public class StandupActivitiesImpl implements StandupActivities {

  private final StepWriters writers;
  private final ModelStream model;

  public StandupActivitiesImpl(StepWriters writers, ModelStream model) {
    this.writers = writers;
    this.model = model;
  }

  @Override
  public TextResult summarize(SummarizeInput input) {
    try (StepWriter writer = writers.openTextStep(input.stepId())) {
      Prompt prompt =
          new Prompt(
              "standup",
              "Summarize the team's updates for a stand-up: done, next, blocked.",
              input.updates());
      return new TextResult(
          writer.writeModelText(model, prompt), writer.cutShort(), writer.usage());
    }
  }
}
