package io.agentstream.trip;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstream.llm.ModelStream;
import io.agentstream.llm.Prompt;
import io.agentstream.protocol.Question;
import io.agentstream.run.TextResult;
import io.agentstream.step.StepWriter;
import io.agentstream.step.StepWriters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trip planner's steps.
 *
 * <ul>
 *   <li>clarify: asks the model which details the request leaves open, as JSON of {@link
 *       ClarifyQuestions#SCHEMA}; short, not checkpointed. A reply that does not fit fails the
 *       attempt, and Temporal asks again.
 *   <li>research: one model turn with the {@code search_places} tool ({@link ResearchTools}), whose
 *       calls and results stream and are checkpointed, then a rationale per place, checkpointed
 *       after each place; a retry does not repeat a completed search, skips the places in the
 *       checkpoint and goes on with the next candidate.
 *   <li>plan and summarize: checkpoint the streamed text after every token (heartbeated about once
 *       a second); a retry asks the model to continue from the checkpointed text.
 * </ul>
 */
public class TripActivitiesImpl implements TripActivities {

  private static final Logger log = LoggerFactory.getLogger(TripActivitiesImpl.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** The research steps' one tool. */
  static final String SEARCH_PLACES = "search_places";

  private final StepWriters writers;
  private final ModelStream model;
  private final PlaceSource places;

  /**
   * Searches the bundled catalog where it covers the destination, the model's knowledge elsewhere.
   */
  public TripActivitiesImpl(StepWriters writers, ModelStream model, PlaceCatalog catalog) {
    this(writers, model, PlaceSources.firstWithResults(catalog, new ModelPlaceSuggestions(model)));
  }

  /** With a source of places of your own behind {@code search_places} (a places API, say). */
  public TripActivitiesImpl(StepWriters writers, ModelStream model, PlaceSource places) {
    this.writers = writers;
    this.model = model;
    this.places = places;
  }

  @Override
  public ClarifyResult clarify(ClarifyInput input) {
    try (StepWriter writer = writers.openStep(input.stepId())) {
      writer.progress("Reading your request");
      Prompt prompt =
          new Prompt(
              "clarify",
              "You plan trips. List what the request leaves open (number of people, budget, dietary"
                  + " needs, dates): for each, a short id, the question and a sensible default answer.",
              input.request());
      List<Question> questions;
      try {
        String reply = model.structured(prompt, ClarifyQuestions.SCHEMA, writer::stopRequested);
        if (writer.stopRequested()) {
          // Finish-now or cancel cut the reply off: half a JSON object has no questions to ask.
          return new ClarifyResult(List.of(), true, writer.usage());
        }
        questions = ClarifyQuestions.parse(reply);
      } catch (RuntimeException e) {
        throw writer.failed(e);
      }
      writer.progress("Found " + questions.size() + " open question(s)");
      return new ClarifyResult(questions, false, writer.usage());
    }
  }

  @Override
  public ResearchResult research(ResearchInput input) {
    try (StepWriter writer = writers.openStep(input.stepId())) {
      List<Place> found = new ArrayList<>();
      writer.items().forEach(item -> found.add(JSON.convertValue(item, Place.class)));
      Set<String> done = found.stream().map(Place::id).collect(Collectors.toSet());
      String preferences = String.join(" ", input.answers().values());
      List<Place> candidates;
      try {
        candidates = new ResearchTools(writer, model, places).candidates(input, preferences);
      } catch (RuntimeException e) {
        throw writer.failed(e);
      }
      for (Place candidate : candidates) {
        if (writer.stopRequested()) {
          break;
        }
        if (done.contains(candidate.id())) {
          continue;
        }
        writer.progress("Looking at " + candidate.name(), found.size(), candidates.size());
        int index = writer.data(candidate);
        writer.token((writer.text().isEmpty() ? "" : "\n\n") + candidate.name() + ": ");
        Prompt prompt =
            new Prompt(
                "rank-place",
                "In one or two sentences, say why this place suits the traveller.",
                "Place: "
                    + candidate.name()
                    + "\nCategory: "
                    + candidate.category()
                    + "\nAbout: "
                    + candidate.description()
                    + "\nTraveller: "
                    + input.request()
                    + " "
                    + preferences);
        String rationale = writer.appendModelText(model, prompt);
        if (writer.stopRequested()) {
          break;
        }
        Place explained = candidate.withRationale(rationale.strip());
        writer.replaceData(index, explained);
        found.add(explained);
        writer.checkpoint();
      }
      writer.progress(
          "Found " + found.size() + " " + input.category() + "s", found.size(), candidates.size());
      return new ResearchResult(
          found, writer.text(), writer.cutShort(), writer.toolCalls(), writer.usage());
    }
  }

  @Override
  public TextResult planItinerary(WriteInput input) {
    String places =
        input.places().stream()
            .map(p -> "- " + p.name() + " (" + p.category() + ", " + p.island() + ")")
            .collect(Collectors.joining("\n"));
    Prompt prompt =
        new Prompt(
            "plan",
            "Write a day-by-day itinerary, one paragraph per day starting with 'Day N:', using the places listed.",
            "Request: "
                + input.request()
                + "\nAnswers: "
                + input.answers()
                + "\nPlaces:\n"
                + places);
    return write(input.stepId(), prompt);
  }

  @Override
  public TextResult summarize(WriteInput input) {
    String material =
        input.itinerary().isBlank()
            ? input.places().stream().map(Place::name).collect(Collectors.joining(", "))
            : input.itinerary();
    Prompt prompt =
        new Prompt(
            "summarize",
            "Summarize this trip plan in three or four short lines.",
            "Request: " + input.request() + "\nItinerary:\n" + material);
    return write(input.stepId(), prompt);
  }

  private TextResult write(String stepId, Prompt prompt) {
    try (StepWriter writer = writers.openTextStep(stepId)) {
      if (writer.resumed()) {
        log.info("step {} continues from {} checkpointed chars", stepId, writer.text().length());
      }
      return new TextResult(
          writer.writeModelText(model, prompt), writer.cutShort(), writer.usage());
    }
  }
}
