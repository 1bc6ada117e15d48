package io.agentstream.run;

import java.util.List;

/**
 * Base of agent workflow implementations: owns the {@link RunTracker} and answers the shared {@link
 * AgentWorkflow} messages with it, so an agent only writes its steps.
 */
public abstract class TrackedAgentWorkflow implements AgentWorkflow {

  protected final RunTracker run;

  protected TrackedAgentWorkflow(String agent, List<StepState> plannedSteps, StepPolicy policy) {
    this.run = new RunTracker(agent, plannedSteps, policy);
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
