package io.agentstream.research;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.agentstream.llm.ModelStream;
import io.agentstream.llm.ModelTurn;
import io.agentstream.step.StepWriter;
import io.agentstream.step.ToolCallTurn;
import io.agentstream.step.ToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A research step's tool-calling loop: the model is offered {@code search(query)} and {@code
 * read(documentId, section)} and calls them, a few turns in a row, until it answers in text (its
 * notes, streamed as the step's text). Each call streams as it is made (its arguments as the model
 * writes them), runs against the {@link CorpusIndex}, and its result is recorded with the writer,
 * so it is in the step's checkpoint; each passage a search finds is streamed as a {@link Source}
 * the moment it is found, and a checkpoint is marked after each call.
 *
 * <p>On a resumed attempt the conversation is rebuilt by asking the model again (its turns are not
 * checkpointed); each call goes through {@link StepWriter#callTool}, which answers a call already
 * made from the checkpoint, so no search or read is repeated and no source is streamed twice.
 *
 * <p>The model's mistakes (a tool it was not offered, arguments that are not the tool's schema, a
 * document or section that does not exist) are answers it is told, {@code {"error": …}}, so it can
 * call again in its next turn; they do not fail the attempt, which a retry would only repeat.
 */
final class ResearchTools {

  static final String SEARCH = "search";
  static final String READ = "read";

  /** Model turns at most before the step stops with what it has. */
  static final int MAX_TURNS = 6;

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  static final List<ToolSpecification> TOOLS =
      List.of(
          ToolSpecification.builder()
              .name(SEARCH)
              .description(
                  "Finds the passages of the document collection closest in meaning to a query."
                      + " Returns each passage's documentId, section, title, score and excerpt.")
              .parameters(
                  JsonObjectSchema.builder()
                      .addStringProperty("query", "what to look for, in a few words or a question")
                      .required("query")
                      .build())
              .build(),
          ToolSpecification.builder()
              .name(READ)
              .description(
                  "Returns the full text of one section of a document, as search named it.")
              .parameters(
                  JsonObjectSchema.builder()
                      .addStringProperty("documentId", "the documentId a search returned")
                      .addStringProperty("section", "the section a search returned")
                      .required("documentId", "section")
                      .build())
              .build());

  private final StepWriter writer;
  private final ModelStream model;
  private final CorpusIndex index;
  private final Corpus corpus;
  private final int sourcesPerSearch;

  ResearchTools(
      StepWriter writer,
      ModelStream model,
      CorpusIndex index,
      Corpus corpus,
      int sourcesPerSearch) {
    this.writer = writer;
    this.model = model;
    this.index = index;
    this.corpus = corpus;
    this.sourcesPerSearch = sourcesPerSearch;
  }

  /** Runs the loop; the sources found are the writer's items, its notes the writer's text. */
  void research(SubQuestionInput input) {
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(
        SystemMessage.from(
            "Task: " + ResearchPrompts.QUESTION + "\n" + ResearchPrompts.QUESTION_INSTRUCTIONS));
    messages.add(
        UserMessage.from(
            "Sub-question: "
                + input.subQuestion()
                + "\nResearch question: "
                + input.question()
                + (input.answers().isEmpty() ? "" : "\nContext: " + input.answers())));
    Set<String> found =
        writer.items().stream()
            .map(i -> JSON.convertValue(i, Source.class).key())
            .collect(Collectors.toSet());
    // A first attempt streams every turn's calls as the model writes them; a resumed one sends
    // each through callTool, which answers the calls its checkpoint holds.
    boolean live = writer.toolCalls().isEmpty();
    for (int turn = 0; turn < MAX_TURNS && !writer.stopRequested(); turn++) {
      ToolCallTurn calling = new ToolCallTurn(writer, live);
      writer.progress(turn == 0 ? "Deciding what to search" : "Reading what was found");
      ModelTurn reply =
          model.toolTurn(messages, TOOLS, writer::token, calling::piece, writer::stopRequested);
      List<ToolExecutionRequest> calls = reply.calls();
      if (calls.isEmpty() || writer.stopRequested()) {
        return;
      }
      messages.add(reply.message());
      for (int i = 0; i < calls.size() && !writer.stopRequested(); i++) {
        ToolExecutionRequest call = calls.get(i);
        ToolResult result = calling.run(i, call, () -> execute(call));
        if (SEARCH.equals(call.name()) && result.data() instanceof List) {
          List<Source> sources =
              JSON.convertValue(result.data(), new TypeReference<List<Source>>() {});
          for (Source source : sources) {
            if (found.add(source.key())) {
              writer.data(source);
            }
          }
        }
        writer.checkpoint();
        messages.add(ToolExecutionResultMessage.from(call, toJson(result.data())));
      }
    }
  }

  private ToolResult execute(ToolExecutionRequest call) {
    if (!SEARCH.equals(call.name()) && !READ.equals(call.name())) {
      return mistake(
          "unknown tool " + call.name(),
          "there is no tool named " + call.name() + "; the tools are search and read");
    }
    JsonNode arguments = arguments(call);
    if (arguments == null) {
      return mistake(
          call.name() + ": arguments are not JSON",
          "the arguments of "
              + call.name()
              + " are not a JSON object of its schema: "
              + call.arguments());
    }
    if (SEARCH.equals(call.name())) {
      String query = arguments.path("query").asText("");
      writer.progress("Searching: " + query);
      List<Source> sources = index.search(query, sourcesPerSearch);
      return new ToolResult(
          sources.size() + " passage" + (sources.size() == 1 ? "" : "s") + " for \"" + query + "\"",
          sources);
    }
    String documentId = arguments.path("documentId").asText("");
    String section = arguments.path("section").asText("");
    writer.progress("Reading " + documentId + ", " + section);
    Map<String, Object> read = new LinkedHashMap<>();
    read.put("documentId", documentId);
    read.put("section", section);
    var document = corpus.document(documentId);
    var text = document.flatMap(d -> d.section(section));
    if (text.isEmpty()) {
      read.put(
          "error",
          document.isEmpty()
              ? "no document " + documentId
              : "no section '"
                  + section
                  + "'; its sections are: "
                  + document.get().sections().stream()
                      .map(DocumentSection::name)
                      .collect(Collectors.joining(", ")));
      return new ToolResult("not found: " + documentId + ", " + section, read);
    }
    read.put("title", document.get().title());
    read.put("text", text.get().text());
    return new ToolResult("Read " + document.get().title() + ", " + section, read);
  }

  /** The call's arguments as a JSON object, or null when they are not one. */
  private static JsonNode arguments(ToolExecutionRequest call) {
    try {
      JsonNode node = JSON.readTree(call.arguments());
      return node != null && node.isObject() ? node : null;
    } catch (Exception e) {
      return null;
    }
  }

  /** A call the model got wrong: what it is told, so it can call again. */
  private static ToolResult mistake(String summary, String error) {
    return new ToolResult(summary, Map.of("error", error));
  }

  private static String toJson(Object data) {
    try {
      return JSON.writeValueAsString(data);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
