package io.agentstream.api.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** Body of {@code POST /api/runs}. */
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
        Map<String, Object> input) {}
