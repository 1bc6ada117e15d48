package io.agentstream.api.agent;

import io.agentstream.api.AppProperties;
import io.agentstream.llm.ModelStream;
import io.agentstream.qa.AnswerActivitiesImpl;
import io.agentstream.qa.QuestionAnswerWorkflow;
import io.agentstream.qa.QuestionAnswerWorkflowImpl;
import io.agentstream.run.StepPolicy;
import io.agentstream.spring.agent.AgentDefinition;
import io.agentstream.step.StepWriters;
import io.agentstream.trip.PlaceCatalog;
import io.agentstream.trip.TripActivitiesImpl;
import io.agentstream.trip.TripPlannerSettings;
import io.agentstream.trip.TripPlannerWorkflow;
import io.agentstream.trip.TripPlannerWorkflowImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The trip planner and the question-answer agent. Activities are created only when a worker
 * registers them, so an {@code api}-only node needs no model.
 */
@Configuration(proxyBeanMethods = false)
class BuiltInAgents {

  @Bean
  AgentDefinition tripPlanner(
      AppProperties app,
      StepPolicy policy,
      ObjectProvider<StepWriters> writers,
      ObjectProvider<ModelStream> model) {
    TripPlannerSettings settings =
        new TripPlannerSettings(app.trip().answerTimeout(), app.trip().placesPerCategory());
    return AgentDefinition.builder(TripPlannerWorkflow.AGENT, TripPlannerWorkflow.TYPE)
        .description(
            "Plans a trip: asks clarifying questions, researches places in parallel, plans day by day, summarizes.")
        .input(
            "request",
            "Your trip",
            "Plan a 5-day trip to Hawaii for 2 adults in March, $3000 budget, vegetarian")
        .registration(
            worker -> {
              worker.registerWorkflowImplementationFactory(
                  TripPlannerWorkflow.class, () -> new TripPlannerWorkflowImpl(policy, settings));
              worker.registerActivitiesImplementations(
                  new TripActivitiesImpl(
                      writers.getObject(), model.getObject(), PlaceCatalog.bundled()));
            })
        .build();
  }

  @Bean
  AgentDefinition questionAnswer(
      StepPolicy policy, ObjectProvider<StepWriters> writers, ObjectProvider<ModelStream> model) {
    return AgentDefinition.builder(QuestionAnswerWorkflow.AGENT, QuestionAnswerWorkflow.TYPE)
        .description("Answers a question in one streamed step.")
        .input("question", "Your question", "What is the best time of year to visit Lisbon?")
        .registration(
            worker -> {
              worker.registerWorkflowImplementationFactory(
                  QuestionAnswerWorkflow.class, () -> new QuestionAnswerWorkflowImpl(policy));
              worker.registerActivitiesImplementations(
                  new AnswerActivitiesImpl(writers.getObject(), model.getObject()));
            })
        .build();
  }
}
