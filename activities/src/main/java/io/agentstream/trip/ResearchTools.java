package io.agentstream.trip;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.agentstream.llm.ModelStream;
import io.agentstream.llm.ModelTurn;
import io.agentstream.step.StepWriter;
import io.agentstream.step.ToolCallTurn;
import io.agentstream.step.ToolResult;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The research step's tool-calling turn: the model is offered {@code search_places(destination,
 * category, preferences)} and decides what to search; each call streams as it is made (its
 * arguments as the model writes them), runs against the {@link PlaceSource}, and its result is
 * recorded with the writer, so it is in the step's checkpoint.
 *
 * <p>On a resumed attempt that already has completed calls, the turn's calls are not streamed live:
 * each goes through {@link StepWriter#callTool}, which answers a call already made from the
 * checkpoint and streams only the new ones. The model itself is asked again (its turn is cheap and
 * not checkpointed); the searches, which may be a paid API, are not.
 */
final class ResearchTools {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** Failure type of tool arguments that are not the tool's schema. */
  static final String BAD_ARGUMENTS = "BadToolArguments";

  /** Model turns at most: one more after a turn whose calls were all mistakes. */
  static final int TURNS = 2;

  private final StepWriter writer;
  private final ModelStream model;
  private final PlaceSource places;

  ResearchTools(StepWriter writer, ModelStream model, PlaceSource places) {
    this.writer = writer;
    this.model = model;
    this.places = places;
  }

  static ToolSpecification searchPlaces(String category) {
    return ToolSpecification.builder()
        .name(TripActivitiesImpl.SEARCH_PLACES)
        .description(
            "Finds real places of a category in a destination. Call it for the destination the"
                + " traveller asks about, never another one.")
        .parameters(
            JsonObjectSchema.builder()
                .addStringProperty("destination", "city, island or region, e.g. Rome")
                .addProperty("category", JsonEnumSchema.builder().enumValues(category).build())
                .addStringProperty("preferences", "what the traveller likes, or empty")
                .required("destination", "category", "preferences")
                .build())
        .build();
  }

  /**
   * The candidates the model's searches found, in the step's category, without duplicates. A turn
   * whose calls were all the model's mistakes (a tool it was not offered, arguments that are not
   * the schema) is answered with what was wrong, once, so it can call again; if it answers in text,
   * or errs again, the request itself is searched.
   */
  List<Place> candidates(ResearchInput input, String preferences) {
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(
        SystemMessage.from(
            "Task: research-places\nYou research a trip. Call search_places for the"
                + " destination of the traveller's request, category "
                + input.category()
                + ", with their preferences."));
    messages.add(
        UserMessage.from(input.request() + (preferences.isBlank() ? "" : "\n" + preferences)));
    boolean live = writer.toolCalls().isEmpty();
    Map<String, Place> found = new LinkedHashMap<>();
    writer.progress("Deciding what to search");
    for (int turn = 0; turn < TURNS && !writer.stopRequested(); turn++) {
      ToolCallTurn calling = new ToolCallTurn(writer, live);
      ModelTurn reply =
          model.toolTurn(
              messages,
              List.of(searchPlaces(input.category())),
              token -> {},
              calling::piece,
              writer::stopRequested);
      List<ToolExecutionRequest> calls = reply.calls();
      if (calls.isEmpty()) {
        break; // answered in text (or stopped)
      }
      List<String> mistakes = new ArrayList<>();
      for (int i = 0; i < calls.size() && !writer.stopRequested(); i++) {
        mistakes.add(search(calling, i, calls.get(i), input, found));
      }
      if (mistakes.stream().anyMatch(m -> m == null) || writer.stopRequested()) {
        return firstOf(found, input.limit());
      }
      messages.add(reply.message());
      for (int i = 0; i < calls.size(); i++) {
        messages.add(
            ToolExecutionResultMessage.from(
                calls.get(i), JSON.createObjectNode().put("error", mistakes.get(i)).toString()));
      }
    }
    if (!writer.stopRequested()) {
      search(
          new ToolCallTurn(writer, false), -1, searchTheRequest(input, preferences), input, found);
    }
    return firstOf(found, input.limit());
  }

  private static List<Place> firstOf(Map<String, Place> found, int limit) {
    return new ArrayList<>(found.values()).subList(0, Math.min(found.size(), limit));
  }

  /**
   * Runs call number {@code place} of the turn and adds the places it found to {@code found}.
   *
   * @return null, or what was wrong when the call was the model's mistake (a tool it was not
   *     offered, arguments that are not the schema): the call is marked failed in the stream, and
   *     the model can be told, since a retry of the step would only ask it again the same way; a
   *     failure of the search itself is thrown for Temporal
   */
  private String search(
      ToolCallTurn turn,
      int place,
      ToolExecutionRequest call,
      ResearchInput input,
      Map<String, Place> found) {
    ToolResult searched;
    try {
      searched = turn.run(place, call, () -> search(query(call, input), input.limit()));
    } catch (ApplicationFailure e) {
      if (BAD_ARGUMENTS.equals(e.getType())) {
        return e.getOriginalMessage();
      }
      throw e;
    }
    List<Place> result = JSON.convertValue(searched.data(), new TypeReference<List<Place>>() {});
    result.stream()
        .filter(p -> input.category().equals(p.category()))
        .forEach(p -> found.putIfAbsent(p.id(), p));
    return null;
  }

  /** A search of the traveller's request itself, for when the model made no usable call. */
  private static ToolExecutionRequest searchTheRequest(ResearchInput input, String preferences) {
    return ToolExecutionRequest.builder()
        .id("fallback")
        .name(TripActivitiesImpl.SEARCH_PLACES)
        .arguments(
            JSON.createObjectNode()
                .put("destination", input.request())
                .put("category", input.category())
                .put("preferences", preferences)
                .toString())
        .build();
  }

  private ToolResult search(PlaceQuery query, int limit) {
    writer.progress("Searching " + query.category() + "s in " + query.destination());
    List<Place> result = places.search(query, limit);
    return new ToolResult(
        result.size()
            + " "
            + query.category()
            + (result.size() == 1 ? "" : "s")
            + " in "
            + query.destination(),
        result);
  }

  /**
   * The search a call asks for, in the step's category whatever the model wrote there: the tool
   * offers that one category, and a model that writes "restaurants" or "Attraction" for it (tool
   * schemas are not enforced) means it; taken as written, such a search would find nothing.
   */
  private static PlaceQuery query(ToolExecutionRequest call, ResearchInput input) {
    if (!TripActivitiesImpl.SEARCH_PLACES.equals(call.name())) {
      throw ApplicationFailure.newFailure(
          "the model called an unknown tool: " + call.name(), BAD_ARGUMENTS);
    }
    try {
      PlaceQuery asked = JSON.readValue(call.arguments(), PlaceQuery.class);
      return new PlaceQuery(asked.destination(), input.category(), asked.preferences());
    } catch (Exception e) {
      throw ApplicationFailure.newFailure(
          "search_places arguments are not its schema: " + call.arguments(), BAD_ARGUMENTS);
    }
  }
}
