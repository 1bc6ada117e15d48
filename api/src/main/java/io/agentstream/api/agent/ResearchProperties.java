package io.agentstream.api.agent;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the deep-research agent, under {@code agentstream.research}.
 *
 * @param corpus a folder of Markdown, text, HTML and PDF documents to research (subfolders
 *     included); unset, the collection bundled with agentstream (a few of its own docs and short
 *     texts)
 * @param indexDir where the embedding index is saved; unset, {@code <corpus>/.agentstream-index}
 *     for a folder and {@code ${java.io.tmpdir}/agentstream-research-index} for the bundled
 *     collection. Workers that share it embed the collection once between them.
 * @param answerTimeout how long a run waits for answers to its clarifying questions
 * @param subQuestions sub-questions per plan, each researched by its own step, in parallel
 * @param sourcesPerSearch passages one {@code search} call returns
 */
@ConfigurationProperties("agentstream.research")
record ResearchProperties(
    Path corpus,
    Path indexDir,
    @DefaultValue("24h") Duration answerTimeout,
    @DefaultValue("3") int subQuestions,
    @DefaultValue("4") int sourcesPerSearch) {}
