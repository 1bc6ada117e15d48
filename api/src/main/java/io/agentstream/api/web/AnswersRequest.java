package io.agentstream.api.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** Body of {@code POST /api/runs/{runId}/answers}. */
@Schema(description = "Answers to the run's questions")
record AnswersRequest(
    @Schema(
            description = "answer by question id; questions left out take their default",
            example = "{\"travelers\": \"2 adults and a 10-year-old\", \"diet\": \"vegetarian\"}",
            requiredMode = Schema.RequiredMode.REQUIRED)
        Map<String, String> answers) {}
