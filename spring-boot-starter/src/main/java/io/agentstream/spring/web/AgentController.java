package io.agentstream.spring.web;

import io.agentstream.spring.agent.AgentCatalog;
import io.agentstream.spring.config.ServesApi;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Comparator;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/agents}: the agents this deployment knows, for the web page's agent picker. */
@ServesApi
@RestController
@Tag(name = "Agents")
class AgentController {

  /**
   * One agent as the page shows it: {@code inputField} is the input the text goes into, {@code
   * inputLabel} what to call it, {@code example} an input to offer.
   */
  @Schema(description = "An agent, as the page shows it")
  record AgentInfo(
      String name, String description, String inputField, String inputLabel, String example) {}

  private final AgentCatalog catalog;

  AgentController(AgentCatalog catalog) {
    this.catalog = catalog;
  }

  @GetMapping(path = "/api/agents", produces = "application/json")
  @Operation(
      summary = "List the agents",
      description = "Every agent a run can be submitted to, by name, with the input it asks for.")
  List<AgentInfo> agents() {
    return catalog.all().stream()
        .sorted(Comparator.comparing(a -> a.name()))
        .map(
            a ->
                new AgentInfo(
                    a.name(),
                    a.description(),
                    a.requiredInput().isEmpty() ? null : a.requiredInput().get(0),
                    a.inputLabel(),
                    a.example()))
        .toList();
  }
}
