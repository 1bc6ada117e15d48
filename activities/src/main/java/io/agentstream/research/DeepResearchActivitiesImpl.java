package io.agentstream.research;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstream.llm.ModelStream;
import io.agentstream.llm.Prompt;
import io.agentstream.protocol.Question;
import io.agentstream.run.TextResult;
import io.agentstream.step.StepWriter;
import io.agentstream.step.StepWriters;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deep-research agent's steps.
 *
 * <ul>
 *   <li>index: makes sure every document of the {@link ResearchLibrary} is embedded, one document
 *       at a time, streaming each as an {@link IndexedDocument} ({@code done} of {@code total}).
 *       The index is saved after each document and the checkpoint marked after each item, so a
 *       retry goes on with the next document: the checkpointed ones are neither streamed nor
 *       embedded again (a worker that does not share the index folder embeds them once more).
 *   <li>clarify and plan: structured replies (JSON schemas), not checkpointed until complete; a
 *       reply that does not fit fails the attempt, and Temporal asks again. The plan streams each
 *       sub-question as data and as a numbered line the moment the model has written it.
 *   <li>research: the tool-calling loop of {@link ResearchTools}; its completed calls and the
 *       sources they found are checkpointed after each call, so a retry repeats no search and no
 *       read and streams no source twice.
 *   <li>report and summary: checkpoint after every token; a retry asks the model to continue the
 *       checkpointed text. The report streams its numbered sources first, as data.
 * </ul>
 */
public class DeepResearchActivitiesImpl implements DeepResearchActivities {

  private static final Logger log = LoggerFactory.getLogger(DeepResearchActivitiesImpl.class);

  /** Failure type of a structured reply that does not fit its schema; Temporal retries it. */
  static final String NOT_MATCHING = "ModelReplyNotMatchingSchema";

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final StepWriters writers;
  private final ModelStream model;
  private final ResearchLibrary library;

  public DeepResearchActivitiesImpl(
      StepWriters writers, ModelStream model, ResearchLibrary library) {
    this.writers = writers;
    this.model = model;
    this.library = library;
  }

  @Override
  public IndexResult index(IndexInput input) {
    try (StepWriter writer = writers.openStep(input.stepId())) {
      Corpus corpus = library.corpus();
      CorpusIndex index = library.index();
      List<CorpusDocument> documents = corpus.documents();
      Set<String> streamed = new HashSet<>();
      writer
          .items()
          .forEach(i -> streamed.add(JSON.convertValue(i, IndexedDocument.class).documentId()));
      writer.progress(
          writer.resumed()
              ? "Resuming after " + streamed.size() + " documents"
              : "Indexing " + documents.size() + " documents from " + corpus.location(),
          streamed.size(),
          documents.size());
      int embedded = 0;
      try {
        for (CorpusDocument document : documents) {
          if (writer.stopRequested()) {
            break;
          }
          if (streamed.contains(document.id())) {
            // In the checkpoint; embedded again only if this worker's index folder lacks it.
            index.add(document);
            continue;
          }
          boolean now = index.add(document);
          embedded += now ? 1 : 0;
          int done = writer.items().size() + 1;
          writer.data(
              new IndexedDocument(
                  document.id(),
                  document.title(),
                  document.sections().size(),
                  done,
                  documents.size(),
                  now));
          writer.progress(
              (now ? "Embedded " : "Loaded ") + document.title(), done, documents.size());
          writer.checkpoint();
        }
      } catch (RuntimeException e) {
        throw writer.failed(e);
      }
      List<IndexedDocument> indexed =
          writer.items().stream().map(i -> JSON.convertValue(i, IndexedDocument.class)).toList();
      if (!writer.stopRequested()) {
        int passages = indexed.stream().mapToInt(IndexedDocument::sections).sum();
        writer.token(
            indexed.size()
                + " documents, "
                + passages
                + " passages, in "
                + index.dir()
                + (embedded == 0 ? " (loaded)" : " (" + embedded + " embedded now)"));
      }
      log.info(
          "Research index of {}: {} documents in {}",
          corpus.location(),
          indexed.size(),
          index.dir());
      return new IndexResult(indexed, writer.text(), writer.cutShort(), writer.usage());
    }
  }

  @Override
  public ResearchQuestions clarify(QuestionInput input) {
    try (StepWriter writer = writers.openStep(input.stepId())) {
      writer.progress("Reading your question");
      Prompt prompt =
          new Prompt(
              ResearchPrompts.CLARIFY, ResearchPrompts.CLARIFY_INSTRUCTIONS, input.question());
      List<Question> questions;
      try {
        questions =
            parseQuestions(
                model.structured(prompt, ResearchPrompts.QUESTIONS_SCHEMA, writer::stopRequested));
      } catch (RuntimeException e) {
        if (writer.stopRequested()) {
          return new ResearchQuestions(List.of(), writer.usage());
        }
        throw writer.failed(e);
      }
      writer.progress("Found " + questions.size() + " open question(s)");
      return new ResearchQuestions(questions, writer.usage());
    }
  }

  @Override
  public ResearchPlan plan(PlanInput input) {
    try (StepWriter writer = writers.openStep(input.stepId())) {
      if (!writer.items().isEmpty()) {
        // The plan is checkpointed only once complete.
        return new ResearchPlan(
            writer.items().stream().map(String::valueOf).toList(),
            writer.text(),
            false,
            writer.usage());
      }
      writer.progress("Planning the research");
      Prompt prompt =
          new Prompt(
              ResearchPrompts.PLAN,
              ResearchPrompts.PLAN_INSTRUCTIONS,
              "Question: "
                  + input.question()
                  + "\nSub-questions: "
                  + input.subQuestions()
                  + (input.answers().isEmpty() ? "" : "\nAnswers: " + input.answers()));
      // Each sub-question streams the moment its closing quote arrives.
      List<String> planned = new CopyOnWriteArrayList<>();
      StreamedStrings streamed =
          new StreamedStrings(
              "subQuestions",
              subQuestion -> {
                String s = subQuestion.strip();
                if (planned.size() < input.subQuestions()
                    && !s.isEmpty()
                    && !planned.contains(s)
                    && writer.data(s) >= 0) {
                  planned.add(s);
                  writer.token((planned.size() == 1 ? "" : "\n") + planned.size() + ". " + s);
                }
              });
      try {
        String reply =
            model.structured(
                prompt, ResearchPrompts.PLAN_SCHEMA, streamed::accept, writer::stopRequested);
        if (writer.stopRequested()) {
          return new ResearchPlan(List.copyOf(planned), writer.text(), true, writer.usage());
        }
        List<String> parsed = parseSubQuestions(reply);
        if (!parsed.subList(0, Math.min(parsed.size(), input.subQuestions())).equals(planned)) {
          throw notMatching("the streamed sub-questions are not the reply's: " + reply);
        }
      } catch (RuntimeException e) {
        if (writer.stopRequested()) {
          return new ResearchPlan(List.copyOf(planned), writer.text(), true, writer.usage());
        }
        throw writer.failed(e);
      }
      writer.checkpoint();
      return new ResearchPlan(
          List.copyOf(planned), writer.text(), writer.cutShort(), writer.usage());
    }
  }

  @Override
  public Findings research(SubQuestionInput input) {
    try (StepWriter writer = writers.openStep(input.stepId())) {
      writer.progress(
          writer.resumed()
              ? "Resuming after " + writer.toolCalls().size() + " tool calls"
              : "Researching: " + input.subQuestion());
      try {
        CorpusIndex index = library.completeIndex();
        new ResearchTools(writer, model, index, library.corpus(), input.sourcesPerSearch())
            .research(input);
      } catch (RuntimeException e) {
        throw writer.failed(e);
      }
      List<Source> sources =
          writer.items().stream().map(i -> JSON.convertValue(i, Source.class)).toList();
      writer.progress("Found " + sources.size() + " sources", sources.size(), sources.size());
      return new Findings(
          input.subQuestion(),
          sources,
          writer.text(),
          writer.cutShort(),
          writer.toolCalls(),
          writer.usage());
    }
  }

  @Override
  public Report writeReport(ReportInput input) {
    try (StepWriter writer = writers.openTextStep(input.stepId())) {
      if (writer.items().isEmpty()) {
        input.sources().forEach(writer::data);
      }
      String notes =
          input.notes().stream()
              .map(n -> "## " + n.subQuestion() + "\n" + n.notes().strip())
              .collect(Collectors.joining("\n\n"));
      // One line per source: [n] documentId | section | title | excerpt
      String sources =
          input.sources().stream()
              .map(
                  s ->
                      "["
                          + s.n()
                          + "] "
                          + String.join(" | ", s.documentId(), s.section(), s.title(), s.excerpt()))
              .collect(Collectors.joining("\n"));
      Prompt prompt =
          new Prompt(
              ResearchPrompts.REPORT,
              ResearchPrompts.REPORT_INSTRUCTIONS,
              "Question: "
                  + input.question()
                  + (input.answers().isEmpty() ? "" : "\nAnswers: " + input.answers())
                  + "\n\nNotes:\n"
                  + (notes.isEmpty() ? "(none)" : notes)
                  + "\n\nSources:\n"
                  + (sources.isEmpty() ? "(none)" : sources));
      writer.writeModelText(model, prompt);
      return new Report(writer.text(), input.sources(), writer.cutShort(), writer.usage());
    }
  }

  @Override
  public TextResult summarize(SummaryInput input) {
    try (StepWriter writer = writers.openTextStep(input.stepId())) {
      Prompt prompt =
          new Prompt(
              ResearchPrompts.SUMMARY,
              ResearchPrompts.SUMMARY_INSTRUCTIONS,
              "Question: " + input.question() + "\nReport:\n" + input.report());
      return new TextResult(
          writer.writeModelText(model, prompt), writer.cutShort(), writer.usage());
    }
  }

  static List<Question> parseQuestions(String reply) {
    JsonNode questions = read(reply).path("questions");
    if (!questions.isArray()) {
      throw notMatching("no questions array");
    }
    List<Question> parsed = new ArrayList<>();
    for (JsonNode q : questions) {
      String id = q.path("id").asText("").strip();
      String text = q.path("text").asText("").strip();
      String fallback = q.path("default").asText("").strip();
      if (!id.isEmpty() && !text.isEmpty()) {
        parsed.add(new Question(id, text, fallback.isEmpty() ? "No preference" : fallback));
      }
    }
    return parsed;
  }

  static List<String> parseSubQuestions(String reply) {
    JsonNode subQuestions = read(reply).path("subQuestions");
    if (!subQuestions.isArray()) {
      throw notMatching("no subQuestions array");
    }
    List<String> parsed = new ArrayList<>();
    subQuestions.forEach(
        s -> {
          if (s.isTextual() && !s.asText().isBlank() && !parsed.contains(s.asText().strip())) {
            parsed.add(s.asText().strip());
          }
        });
    if (parsed.isEmpty()) {
      throw notMatching("no sub-questions");
    }
    return parsed;
  }

  private static JsonNode read(String reply) {
    try {
      JsonNode node = JSON.readTree(reply);
      if (node == null || !node.isObject()) {
        throw notMatching("not a JSON object");
      }
      return node;
    } catch (ApplicationFailure e) {
      throw e;
    } catch (Exception e) {
      throw notMatching(e.getMessage());
    }
  }

  private static ApplicationFailure notMatching(String why) {
    return ApplicationFailure.newFailure(
        "the model's reply is not JSON of the schema: " + why, NOT_MATCHING);
  }
}
