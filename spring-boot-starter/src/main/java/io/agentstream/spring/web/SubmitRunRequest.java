package io.agentstream.spring.web;

import io.agentstream.spring.run.InvalidRunRequestException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Body of {@code POST /api/runs}. {@code input} is null when the body has none (the run service
 * says what the agent needs).
 */
@Schema(description = "A run to start")
record SubmitRunRequest(
    @Schema(
            description = "the agent's name, one of GET /api/agents",
            example = "trip-planner",
            requiredMode = Schema.RequiredMode.REQUIRED)
        String agent,
    @Schema(
            description = "the agent's input; its required field is the agent's inputField",
            example = "{\"request\": \"Plan a 5-day trip to Hawaii\"}",
            requiredMode = Schema.RequiredMode.REQUIRED)
        Map<String, Object> input,
    @Schema(
            description =
                "the most tokens (input and output together) the run may use; once its finished"
                    + " steps have used them, the running steps are cut short, the rest are"
                    + " skipped and the run completes with stopReason TOKEN_BUDGET. Without it the"
                    + " server's default applies (agentstream.runs.token-budget, none unless set)",
            example = "20000",
            minimum = "1",
            requiredMode = Schema.RequiredMode.NOT_REQUIRED)
        Long tokenBudget) {

  static final String EXAMPLE = "{\"agent\": ..., \"input\": {...}}";

  /** Agent names are short identifiers; a longer one is a mistake, not a name. */
  private static final int MAX_AGENT_NAME = 100;

  /** The request in a parsed body, every string in it checked by {@link TextFields}. */
  static SubmitRunRequest of(JsonNode body) {
    if (!body.isObject()) {
      throw new InvalidRunRequestException("the body must be a JSON object: " + EXAMPLE);
    }
    JsonNode agent = body.get("agent");
    if (agent == null || agent.isNull() || (agent.isString() && agent.stringValue().isBlank())) {
      throw new InvalidRunRequestException("'agent' is required");
    }
    if (!agent.isString()) {
      throw new InvalidRunRequestException("'agent' must be a string, the name of an agent");
    }
    TextFields.require("agent", agent.stringValue());
    if (agent.stringValue().length() > MAX_AGENT_NAME) {
      throw new InvalidRunRequestException(
          "'agent' is longer than " + MAX_AGENT_NAME + " characters; GET /api/agents lists them");
    }
    Long tokenBudget = tokenBudgetOf(body.get("tokenBudget"));
    JsonNode input = body.get("input");
    if (input == null || input.isNull()) {
      return new SubmitRunRequest(agent.stringValue(), null, tokenBudget);
    }
    if (!input.isObject()) {
      throw new InvalidRunRequestException(
          "'input' must be a JSON object of the agent's input fields");
    }
    TextFields.requireTree("input", input);
    return new SubmitRunRequest(agent.stringValue(), RequestJson.toMap(input), tokenBudget);
  }

  private static Long tokenBudgetOf(JsonNode budget) {
    if (budget == null || budget.isNull()) {
      return null;
    }
    if (!budget.isIntegralNumber() || !budget.canConvertToLong() || budget.longValue() < 1) {
      throw new InvalidRunRequestException(
          "'tokenBudget' must be a positive whole number of tokens");
    }
    return budget.longValue();
  }
}
