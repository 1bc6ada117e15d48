package com.example.standup;

import io.agentstream.llm.ModelStream;
import io.agentstream.run.StepPolicy;
import io.agentstream.spring.agent.AgentDefinition;
import io.agentstream.step.StepWriters;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one bean that registers the agent: the API, the worker and the Temporal UI pick it up. */
@Configuration(proxyBeanMethods = false)
class StandupAgent {

  @Bean
  AgentDefinition standup(
      StepPolicy policy, ObjectProvider<StepWriters> writers, ObjectProvider<ModelStream> model) {
    return AgentDefinition.builder(StandupWorkflow.AGENT, StandupWorkflow.TYPE)
        .description("Turns the team's updates into a stand-up summary.")
        .input("updates", "Your team's updates", "Dana: shipped the login page. Sam: on the API.")
        .registration(
            worker -> {
              worker.registerWorkflowImplementationFactory(
                  StandupWorkflow.class, () -> new StandupWorkflowImpl(policy));
              worker.registerActivitiesImplementations(
                  new StandupActivitiesImpl(writers.getObject(), model.getObject()));
            })
        .build();
  }
}
