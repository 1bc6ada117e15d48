package io.agentstream.notes;

import io.agentstream.run.AgentWorkflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Turns meeting notes into action items (owner, task, due date), each streamed as data the moment
 * it is found, and a follow-up email that lists them. The agent built step by step in
 * docs/agents.md.
 */
@WorkflowInterface
public interface MeetingNotesWorkflow extends AgentWorkflow {
  String AGENT = "meeting-notes";
  String TYPE = "MeetingNotes";

  @WorkflowMethod(name = TYPE)
  MeetingNotesResult summarize(MeetingNotesRequest request);
}
