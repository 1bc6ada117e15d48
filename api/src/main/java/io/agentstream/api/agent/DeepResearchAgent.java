package io.agentstream.api.agent;

import io.agentstream.llm.ModelStream;
import io.agentstream.research.DeepResearchActivitiesImpl;
import io.agentstream.research.DeepResearchSettings;
import io.agentstream.research.DeepResearchWorkflow;
import io.agentstream.research.DeepResearchWorkflowImpl;
import io.agentstream.research.ResearchLibrary;
import io.agentstream.run.StepPolicy;
import io.agentstream.spring.agent.AgentDefinition;
import io.agentstream.step.StepWriters;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The deep-research agent: researches a question in a document collection ({@code
 * agentstream.research.corpus}, or the bundled one) with in-process embeddings. The collection is
 * read and the embedding model loaded only on a worker, and the model only when a run first needs
 * it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResearchProperties.class)
class DeepResearchAgent {

  private static final Logger log = LoggerFactory.getLogger(DeepResearchAgent.class);

  static final String EXAMPLE = "How does agentstream resume a step after a worker crash?";

  @Bean
  AgentDefinition deepResearch(
      ResearchProperties research,
      StepPolicy policy,
      ObjectProvider<StepWriters> writers,
      ObjectProvider<ModelStream> model) {
    DeepResearchSettings settings =
        new DeepResearchSettings(
            research.answerTimeout(), research.subQuestions(), research.sourcesPerSearch());
    return AgentDefinition.builder(DeepResearchWorkflow.AGENT, DeepResearchWorkflow.TYPE)
        .description(
            "Researches a question in a document collection: asks what it leaves open, plans"
                + " sub-questions, searches and reads them in parallel, writes a report that cites"
                + " its sources.")
        .input("question", "Your research question", EXAMPLE)
        .registration(
            worker -> {
              ResearchLibrary library =
                  ResearchLibrary.open(
                      Optional.ofNullable(research.corpus()),
                      Optional.ofNullable(research.indexDir()));
              log.info(
                  "deep-research: {} documents from {}",
                  library.corpus().documentIds().size(),
                  library.corpus().location());
              worker.registerWorkflowImplementationFactory(
                  DeepResearchWorkflow.class, () -> new DeepResearchWorkflowImpl(policy, settings));
              worker.registerActivitiesImplementations(
                  new DeepResearchActivitiesImpl(writers.getObject(), model.getObject(), library));
            })
        .build();
  }
}
