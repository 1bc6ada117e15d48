package io.agentstream.api.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;

/**
 * The state of a run rebuilt from durable truth: the workflow's query result plus the latest
 * heartbeat checkpoints of running steps. Every live event with a sequence above {@code
 * lastEventId} may still be applied on top of it.
 */
public record RunSnapshot(
    String runId,
    String agent,
    String status,
    String currentStep,
    List<StepView> steps,
    List<Map<String, Object>> questions,
    Map<String, String> answers,
    Object result,
    String error,
    long lastEventId) {

  @JsonIgnore
  public boolean isTerminal() {
    return status.equals("COMPLETED") || status.equals("FAILED") || status.equals("CANCELLED");
  }
}
