package io.agentstream.research;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstream.llm.simulator.OpenAiSimulator;
import io.agentstream.llm.simulator.SimulatorFault;
import io.agentstream.protocol.RunEvent;
import io.agentstream.protocol.StepData;
import io.agentstream.protocol.StepRetrying;
import io.agentstream.protocol.StepRewind;
import io.agentstream.protocol.StepToken;
import io.agentstream.protocol.ToolCallCompleted;
import io.agentstream.protocol.ToolCallStarted;
import io.agentstream.protocol.ToolCallStatus;
import io.agentstream.step.SimulatedModelFixture;
import io.temporal.client.WorkflowOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deep-research steps against the real Temporal test server, the simulated model over HTTP
 * through the real langchain4j client, and the real all-MiniLM-L6-v2 index of the bundled
 * collection: an attempt that fails midway (after it has heartbeated its checkpoint) is retried,
 * tells clients with a rewind, and goes on from the checkpoint without embedding a document again,
 * repeating a finished tool call or writing text twice.
 */
class DeepResearchActivitiesResumeTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static final String QUESTION = "How does agentstream resume a step after a worker crash?";

  @TempDir static Path sharedIndex;

  private static CountingEmbeddingModel embeddings;
  private static ResearchLibrary indexed;

  @TempDir Path freshIndex;

  private SimulatedModelFixture fixture;
  private OpenAiSimulator simulator;

  @BeforeAll
  static void indexOnce() {
    embeddings = new CountingEmbeddingModel();
    indexed = new ResearchLibrary(Corpus.bundled(), sharedIndex, embeddings);
    indexed.completeIndex();
  }

  @BeforeEach
  void setUp() {
    fixture = SimulatedModelFixture.start();
    simulator = fixture.simulator();
    fixture.worker().registerWorkflowImplementationTypes(OneResearchStepWorkflow.Impl.class);
  }

  private void startWith(ResearchLibrary library) {
    fixture
        .worker()
        .registerActivitiesImplementations(
            new DeepResearchActivitiesImpl(fixture.writers(), fixture.model(), library));
    fixture.startWorker();
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private <T> T run(String runId, Object input, Class<T> type) {
    OneResearchStepWorkflow workflow =
        fixture
            .client()
            .newWorkflowStub(
                OneResearchStepWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(SimulatedModelFixture.TASK_QUEUE)
                    .setWorkflowId(runId)
                    .build());
    Object result =
        workflow.run(
            input instanceof IndexInput i ? i : null,
            input instanceof SubQuestionInput r ? r : null,
            input instanceof ReportInput p ? p : null);
    return JSON.convertValue(result, type);
  }

  @Test
  void indexKilledMidwayGoesOnWithTheNextDocumentWithoutEmbeddingOneAgain() {
    CountingEmbeddingModel counting = new CountingEmbeddingModel();
    Corpus corpus = Corpus.bundled();
    startWith(new ResearchLibrary(corpus, freshIndex, counting));
    counting.failBatch(4);

    List<RunEvent> events = fixture.record("indexing");
    IndexResult result = run("indexing", new IndexInput("index"), IndexResult.class);

    int total = corpus.documents().size();
    assertThat(result.documents())
        .extracting(IndexedDocument::documentId)
        .containsExactlyElementsOf(corpus.documentIds());
    assertThat(result.documents()).extracting(IndexedDocument::done).containsExactly(range(total));
    assertThat(result.documents()).allSatisfy(d -> assertThat(d.total()).isEqualTo(total));
    assertThat(events).anyMatch(e -> e.payload() instanceof StepRetrying && e.attempt() == 1);
    StepRewind rewind = (StepRewind) first(events, StepRewind.class).payload();
    assertThat(rewind.items()).hasSize(3);
    // Every passage was embedded exactly once, across both attempts (four batches tried, one
    // failed).
    int passages = corpus.documents().stream().mapToInt(d -> d.sections().size()).sum();
    assertThat(counting.segments()).isEqualTo(passages);
    assertThat(counting.batches()).isEqualTo(total + 1);
    // The retry streamed the fourth document next, at the next index; none twice.
    List<StepData> data = payloads(events, StepData.class);
    assertThat(data).extracting(StepData::index).containsExactly(range0(total));
    // The saved index is complete: another worker loads it instead of embedding.
    CountingEmbeddingModel second = new CountingEmbeddingModel();
    ResearchLibrary reloaded = new ResearchLibrary(corpus, freshIndex, second);
    assertThat(reloaded.completeIndex().size()).isEqualTo(total);
    assertThat(second.segments()).isZero();
  }

  @Test
  void researchKilledAfterItsFirstSearchResumesWithoutRepeatingIt() {
    startWith(indexed);
    SubQuestionInput input =
        new SubQuestionInput(
            "research-1",
            QUESTION,
            "What does a step checkpoint while it runs?",
            Map.of("audience", "Engineers"),
            4);
    int embeddedBefore = embeddings.segments();
    int queriesBefore = embeddings.queries();
    Findings reference = run("reference", input, Findings.class);
    int referenceQueries = embeddings.queries() - queriesBefore;
    assertThat(referenceQueries).isEqualTo(2);
    assertThat(reference.sources()).isNotEmpty();
    assertThat(reference.toolCalls())
        .extracting(c -> c.name())
        .containsExactly("search", "search", "read", "read");
    // The second search of the first attempt fails, after the first has completed.
    embeddings.failQuery(2);
    int queriesAtCrash = embeddings.queries();

    List<RunEvent> events = fixture.record("crashing");
    Findings result = run("crashing", input, Findings.class);

    assertThat(events).anyMatch(e -> e.payload() instanceof StepRetrying && e.attempt() == 1);
    RunEvent rewindEvent = first(events, StepRewind.class);
    StepRewind rewind = (StepRewind) rewindEvent.payload();
    assertThat(rewindEvent.attempt()).isEqualTo(2);
    // The checkpoint holds the completed first search and exactly the sources it found.
    assertThat(rewind.toolCalls())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.name()).isEqualTo("search");
              assertThat(c.status()).isEqualTo(ToolCallStatus.COMPLETED);
            });
    assertThat(rewind.items()).hasSize(4);
    // The retry made the second search only: three query embeddings in all, not four.
    assertThat(embeddings.queries() - queriesAtCrash).isEqualTo(3);
    List<ToolCallStarted> retried =
        events.stream()
            .filter(e -> e.attempt() == 2 && e.payload() instanceof ToolCallStarted)
            .map(e -> (ToolCallStarted) e.payload())
            .toList();
    assertThat(retried).extracting(ToolCallStarted::name).containsExactly("search", "read", "read");
    assertThat(retried.get(0).index()).isEqualTo(1);
    // Sources: each streamed once, at the next index, and the same as without the crash.
    List<Source> streamed = reassembleSources(events);
    assertThat(streamed).isEqualTo(reference.sources()).isEqualTo(result.sources());
    assertThat(streamed).extracting(Source::key).doesNotHaveDuplicates();
    assertThat(result.notes()).isEqualTo(reference.notes()).contains("(", ")");
    assertThat(result.toolCalls())
        .extracting(c -> c.name() + " " + c.arguments())
        .isEqualTo(
            reference.toolCalls().stream().map(c -> c.name() + " " + c.arguments()).toList());
    // Four calls completed across both attempts, plus the one search that failed.
    List<ToolCallCompleted> ended = payloads(events, ToolCallCompleted.class);
    assertThat(ended).filteredOn(c -> c.error() == null).hasSize(4);
    assertThat(ended).filteredOn(c -> c.error() != null).hasSize(1);
    // Researching embedded no document: the index was loaded once, before.
    assertThat(embeddings.segments()).isEqualTo(embeddedBefore);
  }

  @Test
  void reportKilledAfterTokensContinuesFromItsCheckpointCitingOnlyItsSources() {
    startWith(indexed);
    Findings found =
        run(
            "research-for-report",
            new SubQuestionInput("research-1", QUESTION, QUESTION, Map.of(), 4),
            Findings.class);
    List<CitedSource> sources = CitedSource.numbered(List.of(found));
    ReportInput input =
        new ReportInput(
            "report",
            QUESTION,
            Map.of(),
            List.of(new SubQuestionNotes(found.subQuestion(), found.notes())),
            sources);
    Report reference = run("reference-report", input, Report.class);
    assertThat(citations(reference.text())).isNotEmpty();
    simulator.faults().inject("research-report", SimulatorFault.cutAfter(20), 1);
    simulator.stats().reset();

    List<RunEvent> events = fixture.record("crashing-report");
    Report result = run("crashing-report", input, Report.class);

    assertThat(result.text()).isEqualTo(reference.text());
    assertThat(result.sources()).isEqualTo(reference.sources());
    assertThat(result.cutShort()).isEqualTo(reference.cutShort());
    // The cut attempt reported no usage; the continuation's prompt differs from the reference's.
    assertThat(result.usage().outputTokens()).isPositive();
    RunEvent rewindEvent = first(events, StepRewind.class);
    StepRewind rewind = (StepRewind) rewindEvent.payload();
    assertThat(rewindEvent.attempt()).isEqualTo(2);
    assertThat(rewind.text()).isNotEmpty();
    assertThat(reference.text()).startsWith(rewind.text());
    // The references were streamed once, first; the retry only continues the text.
    assertThat(rewind.items()).hasSameSizeAs(sources);
    assertThat(payloads(events, StepData.class)).hasSameSizeAs(sources);
    StepToken firstResumed =
        events.stream()
            .filter(e -> e.attempt() == 2 && e.payload() instanceof StepToken)
            .map(e -> (StepToken) e.payload())
            .findFirst()
            .orElseThrow();
    assertThat(firstResumed.offset()).isEqualTo(rewind.text().length());
    assertThat(simulator.stats().snapshot().continuations("research-report")).isEqualTo(1L);
    assertThat(citations(result.text()))
        .allSatisfy(n -> assertThat(n).isBetween(1, sources.size()));
  }

  static List<Integer> citations(String text) {
    List<Integer> cited = new ArrayList<>();
    Matcher m = Pattern.compile("\\[(\\d+)]").matcher(text);
    while (m.find()) {
      cited.add(Integer.parseInt(m.group(1)));
    }
    return cited;
  }

  private static Integer[] range(int total) {
    Integer[] values = new Integer[total];
    for (int i = 0; i < total; i++) {
      values[i] = i + 1;
    }
    return values;
  }

  private static Integer[] range0(int total) {
    Integer[] values = new Integer[total];
    for (int i = 0; i < total; i++) {
      values[i] = i;
    }
    return values;
  }

  private static RunEvent first(List<RunEvent> events, Class<?> type) {
    return events.stream().filter(e -> type.isInstance(e.payload())).findFirst().orElseThrow();
  }

  private static <T> List<T> payloads(List<RunEvent> events, Class<T> type) {
    return events.stream()
        .filter(e -> type.isInstance(e.payload()))
        .map(e -> type.cast(e.payload()))
        .toList();
  }

  /** Stricter than the client reducer: every source must come at the next index, none replaced. */
  private static List<Source> reassembleSources(List<RunEvent> events) {
    List<Source> sources = new ArrayList<>();
    for (RunEvent e : events) {
      if (e.payload() instanceof StepRewind rewind) {
        sources.clear();
        rewind.items().forEach(i -> sources.add(JSON.convertValue(i, Source.class)));
      } else if (e.payload() instanceof StepData data) {
        assertThat(data.index()).as("the next index").isEqualTo(sources.size());
        sources.add(JSON.convertValue(data.item(), Source.class));
      }
    }
    return sources;
  }
}
