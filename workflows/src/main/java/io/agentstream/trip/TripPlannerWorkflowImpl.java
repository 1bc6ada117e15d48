package io.agentstream.trip;

import io.agentstream.protocol.StepStatus;
import io.agentstream.run.StepOutcome;
import io.agentstream.run.StepPolicy;
import io.agentstream.run.TextResult;
import io.agentstream.run.TrackedAgentWorkflow;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Clarifies first (waiting durably for answers), researches restaurants and attractions in
 * parallel, plans day by day and summarizes. Finish-now stops the running steps with what they have
 * and goes straight to the summary.
 */
public class TripPlannerWorkflowImpl extends TrackedAgentWorkflow implements TripPlannerWorkflow {

  private final TripPlannerSettings settings;

  public TripPlannerWorkflowImpl(StepPolicy policy, TripPlannerSettings settings) {
    super(AGENT, TripSteps.planned(), policy);
    this.settings = settings;
  }

  @Override
  public TripPlan plan(TripRequest request) {
    return run.run(() -> planTrip(request));
  }

  private TripPlan planTrip(TripRequest request) {
    StepOutcome<ClarifyResult> clarified =
        run.step(
            TripSteps.CLARIFY,
            o -> activities(o).clarify(new ClarifyInput(TripSteps.CLARIFY, request.request())),
            ClarifyResult::toStepResult);
    Map<String, String> answers =
        run.ask(clarified.map(ClarifyResult::questions, List.of()), settings.answerTimeout());

    Promise<StepOutcome<ResearchResult>> restaurants =
        research(TripSteps.RESTAURANTS, "restaurant", request, answers);
    Promise<StepOutcome<ResearchResult>> attractions =
        research(TripSteps.ATTRACTIONS, "attraction", request, answers);
    List<Place> chosenRestaurants = placesOf(restaurants.get());
    List<Place> chosenAttractions = placesOf(attractions.get());
    List<Place> chosen = new ArrayList<>(chosenRestaurants);
    chosen.addAll(chosenAttractions);

    StepOutcome<TextResult> itinerary =
        run.step(
            TripSteps.PLAN,
            o ->
                activities(o)
                    .planItinerary(
                        new WriteInput(TripSteps.PLAN, request.request(), answers, chosen, "")),
            TextResult::toStepResult);
    String itineraryText = itinerary.map(TextResult::text, "");

    StepOutcome<TextResult> summary =
        run.finalStep(
            TripSteps.SUMMARIZE,
            o ->
                activities(o)
                    .summarize(
                        new WriteInput(
                            TripSteps.SUMMARIZE,
                            request.request(),
                            answers,
                            chosen,
                            itineraryText)),
            TextResult::toStepResult);

    return new TripPlan(
        request.request(),
        answers,
        chosenRestaurants,
        chosenAttractions,
        itineraryText,
        summary.map(TextResult::text, ""),
        run.stepsWith(StepStatus.CUT_SHORT),
        run.stepsWith(StepStatus.SKIPPED),
        run.usage(),
        run.stopReason());
  }

  private Promise<StepOutcome<ResearchResult>> research(
      String stepId, String category, TripRequest request, Map<String, String> answers) {
    return run.stepAsync(
        stepId,
        o ->
            activities(o)
                .research(
                    new ResearchInput(
                        stepId,
                        category,
                        request.request(),
                        answers,
                        settings.placesPerCategory())),
        ResearchResult::toStepResult);
  }

  private static List<Place> placesOf(StepOutcome<ResearchResult> research) {
    return research.map(ResearchResult::places, List.of());
  }

  private static TripActivities activities(io.temporal.activity.ActivityOptions options) {
    return Workflow.newActivityStub(TripActivities.class, options);
  }
}
