package io.agentstream.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One representative event per type, as the golden fixtures pin them. */
final class GoldenEvents {

  static final String RUN = "run-3de7421d-c2ef-4924-b3c4-364bc1040d39";
  static final long TS = 1795472196572L;

  private GoldenEvents() {}

  static Map<String, RunEvent> all() {
    Map<String, RunEvent> events = new LinkedHashMap<>();
    Map<String, Object> place = new LinkedHashMap<>();
    place.put("id", "diamond-head");
    place.put("name", "Diamond Head State Monument");
    place.put("category", "attraction");
    place.put("rationale", null);
    Question travelers = new Question("travelers", "How many people are travelling?", "2 adults");
    RunSnapshot snapshot =
        new RunSnapshot(
            RUN,
            "trip-planner",
            RunStatus.RUNNING,
            "plan",
            List.of(
                new StepSnapshot(
                    "clarify",
                    "Clarify the request",
                    StepStatus.COMPLETED,
                    1,
                    "",
                    List.of(),
                    null,
                    List.of(),
                    new TokenUsage(118, 42)),
                new StepSnapshot(
                    "plan",
                    "Plan day by day",
                    StepStatus.RUNNING,
                    2,
                    "Day 1: Arrive",
                    List.of(place),
                    null,
                    List.of(),
                    TokenUsage.NONE,
                    "Two adults, beaches first."),
                new StepSnapshot(
                    "summarize", "Summarize", StepStatus.PENDING, 0, "", List.of(), null)),
            List.of(),
            Map.of("travelers", "2 adults"),
            null,
            null,
            1795472188051009L,
            new TokenUsage(118, 42),
            5000L,
            null);
    RunSnapshot initial =
        new RunSnapshot(
            RUN,
            "question-answer",
            RunStatus.RUNNING,
            null,
            List.of(
                new StepSnapshot(
                    "answer", "Answer the question", StepStatus.PENDING, 0, "", List.of(), null)),
            List.of(),
            Map.of(),
            null,
            null,
            0);
    put(events, 1795472188051009L, null, 0, new Snapshot(snapshot));
    put(events, 1795472188051001L, null, 0, new RunStarted(initial));
    put(events, 1795472188051002L, null, 0, new RunStatusChanged(RunStatus.WAITING_FOR_INPUT));
    put(events, 1795472188051003L, null, 0, new QuestionsAsked(List.of(travelers), 86400));
    put(events, 1795472188051004L, "plan", 0, new StepStarted("Plan day by day"));
    put(events, 1795472188051012L, "plan", 1, new StepToken(412, " beach"));
    put(events, 1795472188051010L, "plan", 1, new StepReasoning(37, " the user wants beaches"));
    put(events, 1795472188051011L, "research-attractions", 1, new StepData(0, place));
    put(
        events,
        1795472188051013L,
        "research-attractions",
        1,
        StepProgress.counted("Looking at Diamond Head", 1, 4));
    put(
        events,
        1795472188051014L,
        "research-attractions",
        1,
        new ToolCallStarted(0, "call_7QbUq2", "search_places", "{\"destination\":"));
    put(
        events,
        1795472188051015L,
        "research-attractions",
        1,
        new ToolCallArguments(0, 15, "\"Rome\",\"category\":\"attraction\"}"));
    put(
        events,
        1795472188051016L,
        "research-attractions",
        1,
        new ToolCallCompleted(0, "1 place found", Map.of("places", List.of(place)), null));
    put(events, 1795472188051111L, "plan", 2, new StepRewind("Day 1: Arrive in", List.of()));
    put(events, 1795472188051020L, "plan", 1, new StepRetrying("LlmUnavailable: HTTP 503", 2));
    put(
        events,
        1795472188051030L,
        "plan",
        0,
        new StepCompleted(
            StepStatus.CUT_SHORT,
            "Day 1: Arrive in Honolulu",
            List.of(),
            List.of(),
            new TokenUsage(812, 96)));
    put(
        events,
        1795472188051031L,
        "plan",
        0,
        new StepFailed("NonRetryableLlmError: HTTP 401", new TokenUsage(812, 12)));
    put(
        events,
        1795472188051040L,
        null,
        0,
        new RunCompleted(Map.of("answer", "Because rivers carry salts."), StopReason.TOKEN_BUDGET));
    put(events, 1795472188051041L, null, 0, new RunFailed("the step plan failed"));
    put(events, 1795472188051042L, null, 0, new RunCancelled());
    return events;
  }

  private static void put(
      Map<String, RunEvent> events, long seq, String step, int attempt, EventPayload payload) {
    events.put(payload.type(), new RunEvent(RUN, seq, step, attempt, TS, payload));
  }
}
