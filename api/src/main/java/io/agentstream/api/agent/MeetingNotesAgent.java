package io.agentstream.api.agent;

import io.agentstream.llm.ModelStream;
import io.agentstream.notes.MeetingNotesActivitiesImpl;
import io.agentstream.notes.MeetingNotesWorkflow;
import io.agentstream.notes.MeetingNotesWorkflowImpl;
import io.agentstream.run.StepPolicy;
import io.agentstream.spring.agent.AgentDefinition;
import io.agentstream.step.StepWriters;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The meeting-notes agent, registered by this one bean: the API, {@code GET /api/agents}, the
 * worker and the Temporal UI summary pick it up from here (docs/agents.md builds it step by step).
 */
@Configuration(proxyBeanMethods = false)
class MeetingNotesAgent {

  static final String EXAMPLE =
      String.join(
          "\n",
          "Weekly product sync, Thursday 12 March 2026",
          "Attendees: Dana, Sam, Priya, Li",
          "- Launch stays on the 28th; marketing is ready.",
          "- Dana will send the revised budget to finance by Friday.",
          "- Sam to book the room for the team offsite.",
          "- Priya: I'll review the launch checklist before Monday.",
          "- We agreed the beta stays invite-only for now.",
          "- Li follows up with the design agency about the new logo next week.");

  @Bean
  AgentDefinition meetingNotes(
      StepPolicy policy, ObjectProvider<StepWriters> writers, ObjectProvider<ModelStream> model) {
    return AgentDefinition.builder(MeetingNotesWorkflow.AGENT, MeetingNotesWorkflow.TYPE)
        .description(
            "Finds the action items in meeting notes (owner, task, due date) and drafts the follow-up email.")
        .input("notes", "Meeting notes", EXAMPLE)
        .registration(
            worker -> {
              worker.registerWorkflowImplementationFactory(
                  MeetingNotesWorkflow.class, () -> new MeetingNotesWorkflowImpl(policy));
              worker.registerActivitiesImplementations(
                  new MeetingNotesActivitiesImpl(writers.getObject(), model.getObject()));
            })
        .build();
  }
}
