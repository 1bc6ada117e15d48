package io.agentstream.trip;

import io.agentstream.protocol.Question;
import io.agentstream.run.TextResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic trip steps for workflow tests, where the workflow's logic is the subject. Research
 * can be made to run until cancelled, to exercise finish-now and cancel: it then hands back the
 * places found so far, as the real step does.
 */
class FakeTripActivities implements TripActivities {

  static final List<Question> QUESTIONS =
      List.of(
          new Question("travelers", "How many people?", "2 adults"),
          new Question("budget", "Budget?", "$3,000"));

  private final Duration researchTime;
  private final boolean researchUntilCancelled;

  FakeTripActivities(Duration researchTime, boolean researchUntilCancelled) {
    this.researchTime = researchTime;
    this.researchUntilCancelled = researchUntilCancelled;
  }

  @Override
  public ClarifyResult clarify(ClarifyInput input) {
    return new ClarifyResult(QUESTIONS);
  }

  @Override
  public ResearchResult research(ResearchInput input) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    List<Place> found = new ArrayList<>();
    long deadline = System.currentTimeMillis() + researchTime.toMillis();
    int n = 0;
    while (researchUntilCancelled || System.currentTimeMillis() < deadline) {
      found.add(
          new Place(
              input.category() + "-" + n,
              input.category() + " " + n,
              input.category(),
              "Oahu",
              "Honolulu",
              "d",
              "r"));
      n++;
      try {
        context.heartbeat(n);
        Thread.sleep(50);
      } catch (ActivityCanceledException e) {
        return new ResearchResult(found, "found " + found.size(), true);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (!researchUntilCancelled && found.size() >= input.limit()) {
        break;
      }
    }
    return new ResearchResult(found, "found " + found.size(), false);
  }

  @Override
  public TextResult planItinerary(WriteInput input) {
    return new TextResult("Day 1: " + input.places().size() + " places. " + input.answers(), false);
  }

  @Override
  public TextResult summarize(WriteInput input) {
    return new TextResult("Summary of: " + input.itinerary(), false);
  }
}
