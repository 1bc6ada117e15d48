package io.agentstream.api.web;

import io.agentstream.api.agent.AgentCatalog;
import io.agentstream.api.config.ServesApi;
import java.util.Comparator;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/agents}: the agents this deployment knows, for the web page's agent picker. */
@ServesApi
@RestController
class AgentController {

  /**
   * One agent as the page shows it: {@code inputField} is the input the text goes into, {@code
   * inputLabel} what to call it, {@code example} an input to offer.
   */
  record AgentInfo(
      String name, String description, String inputField, String inputLabel, String example) {}

  private final AgentCatalog catalog;

  AgentController(AgentCatalog catalog) {
    this.catalog = catalog;
  }

  @GetMapping("/api/agents")
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
