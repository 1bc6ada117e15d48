package io.agentstream.research;

import java.util.List;
import java.util.Map;

/**
 * Input of the report step.
 *
 * @param notes each researched sub-question's notes (none after an early finish-now)
 * @param sources every source found, numbered: the only ones the report may cite
 */
public record ReportInput(
    String stepId,
    String question,
    Map<String, String> answers,
    List<SubQuestionNotes> notes,
    List<CitedSource> sources) {}
