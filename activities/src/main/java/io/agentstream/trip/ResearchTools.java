package io.agentstream.trip;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.agentstream.llm.ModelStream;
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

  /** The candidates the model's searches found, in the step's category, without duplicates. */
  List<Place> candidates(ResearchInput input, String preferences) {
    List<ChatMessage> messages =
        List.of(
            SystemMessage.from(
                "Task: research-places\nYou research a trip. Call search_places for the"
                    + " destination of the traveller's request, category "
                    + input.category()
                    + ", with their preferences."),
            UserMessage.from(input.request() + (preferences.isBlank() ? "" : "\n" + preferences)));
    ToolCallTurn turn = new ToolCallTurn(writer, writer.toolCalls().isEmpty());
    writer.progress("Deciding what to search");
    List<ToolExecutionRequest> calls =
        model.toolTurn(
            messages,
            List.of(searchPlaces(input.category())),
            token -> {},
            turn::piece,
            writer::stopRequested);
    if (calls.isEmpty() && !writer.stopRequested()) {
      // The model answered in text instead: search the request itself.
      calls =
          List.of(
              ToolExecutionRequest.builder()
                  .id("fallback")
                  .name(TripActivitiesImpl.SEARCH_PLACES)
                  .arguments(
                      JSON.createObjectNode()
                          .put("destination", input.request())
                          .put("category", input.category())
                          .put("preferences", preferences)
                          .toString())
                  .build());
    }
    Map<String, Place> found = new LinkedHashMap<>();
    for (int i = 0; i < calls.size() && !writer.stopRequested(); i++) {
      ToolExecutionRequest call = calls.get(i);
      ToolResult searched = turn.run(i, call, () -> search(query(call), input.limit()));
      List<Place> result = JSON.convertValue(searched.data(), new TypeReference<List<Place>>() {});
      result.stream()
          .filter(p -> input.category().equals(p.category()))
          .forEach(p -> found.putIfAbsent(p.id(), p));
    }
    return new ArrayList<>(found.values()).subList(0, Math.min(found.size(), input.limit()));
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

  private static PlaceQuery query(ToolExecutionRequest call) {
    if (!TripActivitiesImpl.SEARCH_PLACES.equals(call.name())) {
      throw ApplicationFailure.newFailure(
          "the model called an unknown tool: " + call.name(), BAD_ARGUMENTS);
    }
    try {
      return JSON.readValue(call.arguments(), PlaceQuery.class);
    } catch (Exception e) {
      throw ApplicationFailure.newFailure(
          "search_places arguments are not its schema: " + call.arguments(), BAD_ARGUMENTS);
    }
  }
}
