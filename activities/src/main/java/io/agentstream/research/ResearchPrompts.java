package io.agentstream.research;

import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;

/**
 * The deep-research agent's task names (the {@code Task:} line real models read as an instruction
 * and the simulator picks its reply by), instructions and JSON schemas, in one place.
 */
final class ResearchPrompts {

  static final String CLARIFY = "research-clarify";
  static final String PLAN = "research-plan";
  static final String QUESTION = "research-question";
  static final String REPORT = "research-report";
  static final String SUMMARY = "research-summary";

  static final String CLARIFY_INSTRUCTIONS =
      "You research questions in a collection of documents. List what the question leaves open"
          + " that would change the report (who it is for, how deep to go, what to focus on): for"
          + " each, a short id, the question and a sensible default answer. None when nothing is"
          + " open.";

  static final String PLAN_INSTRUCTIONS =
      "You plan research in a collection of documents. Split the question into exactly the number"
          + " of sub-questions asked for, each answerable on its own by searching the documents,"
          + " together covering the question.";

  static final String QUESTION_INSTRUCTIONS =
      "You research one sub-question in a collection of documents. Call search with queries that"
          + " find the relevant passages, then read the most promising sections. When you have"
          + " read enough, answer in a few short bullet points of what the passages say, naming"
          + " the document of each point. Use only what the documents say.";

  static final String REPORT_INSTRUCTIONS =
      "Write a report that answers the question from the research notes and the numbered sources"
          + " below, one short paragraph per sub-question. Cite the sources you use inline as [n],"
          + " with the numbers given; cite no other numbers and no other sources. If there are no"
          + " sources, say that the collection did not answer the question.";

  static final String SUMMARY_INSTRUCTIONS =
      "Summarize this research report in two or three short lines.";

  static final JsonSchema QUESTIONS_SCHEMA =
      JsonSchema.builder()
          .name("clarifying_questions")
          .rootElement(
              JsonObjectSchema.builder()
                  .addProperty(
                      "questions",
                      JsonArraySchema.builder()
                          .items(
                              JsonObjectSchema.builder()
                                  .addStringProperty("id")
                                  .addStringProperty("text")
                                  .addStringProperty("default")
                                  .required("id", "text", "default")
                                  .build())
                          .build())
                  .required("questions")
                  .build())
          .build();

  static final JsonSchema PLAN_SCHEMA =
      JsonSchema.builder()
          .name("research_plan")
          .rootElement(
              JsonObjectSchema.builder()
                  .addProperty(
                      "subQuestions",
                      JsonArraySchema.builder().items(new JsonStringSchema()).build())
                  .required("subQuestions")
                  .build())
          .build();

  private ResearchPrompts() {}
}
