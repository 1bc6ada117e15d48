package com.example.standup;

import io.agentstream.run.StepOutcome;
import io.agentstream.run.StepPolicy;
import io.agentstream.run.StepState;
import io.agentstream.run.TextResult;
import io.agentstream.run.TrackedAgentWorkflow;
import io.temporal.workflow.Workflow;
import java.util.List;

/** One streamed step: the summary, token by token, resumed from its checkpoint after a crash. */
public class StandupWorkflowImpl extends TrackedAgentWorkflow implements StandupWorkflow {

  static final String SUMMARY = "summary";

  public StandupWorkflowImpl(StepPolicy policy) {
    super(AGENT, List.of(StepState.pending(SUMMARY, "Summarize the stand-up")), policy);
  }

  @Override
  public StandupSummary summarize(StandupRequest request) {
    return run.run(
        () -> {
          StepOutcome<TextResult> summary =
              run.finalStep(
                  SUMMARY,
                  options ->
                      Workflow.newActivityStub(StandupActivities.class, options)
                          .summarize(
                              new StandupActivities.SummarizeInput(SUMMARY, request.updates())),
                  TextResult::toStepResult);
          TextResult written = summary.orElse(new TextResult("", true));
          return new StandupSummary(written.text(), written.cutShort());
        });
  }
}
